// Workflows across real processes: a child process that dies by SIGKILL at a fault point is
// resumed by the next one, and two runners sharing one PostgreSQL store run every step once.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dialectsUnderTest, openTestDatabase } from "../support/dialects.ts";
import type { WorkflowDefinition } from "../../src/engine/workflow/workflow-definition.ts";
import { DEMO_STEPS, readDemoLog } from "./fixtures/demo-workflow.ts";
import { runnerOn, sleep, until } from "./fixtures/workflow-harness.ts";

const WORKER = fileURLToPath(new URL("./fixtures/crash-worker.ts", import.meta.url));

/** NESTBOX_FAULT_POINT values and the steps that ran before the process died. */
const CASES: { fault: string; ranBeforeCrash: string[]; bRuns: number }[] = [
  { fault: "workflow.after-claim", ranBeforeCrash: [], bRuns: 1 },
  { fault: "step.before-run:b", ranBeforeCrash: ["a"], bRuns: 1 },
  { fault: "step.after-run-before-checkpoint:b", ranBeforeCrash: ["a", "b"], bRuns: 2 },
  { fault: "step.after-checkpoint@2", ranBeforeCrash: ["a", "b"], bRuns: 1 },
  { fault: "workflow.before-complete", ranBeforeCrash: ["a", "b", "c"], bRuns: 1 },
];

function runWorker(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], {
    env: { ...process.env, NESTBOX_FAULT_POINT: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

for (const d of dialectsUnderTest()) {
  describe(`a workflow process killed by SIGKILL on ${d.name}`, { skip: d.skip, concurrency: true }, () => {
    for (const c of CASES) {
      test(`NESTBOX_FAULT_POINT=${c.fault}: the next process resumes it; each side effect once`, async () => {
        const store = await openTestDatabase(d.name);
        const dir = mkdtempSync(join(tmpdir(), "nestbox-wfproc-"));
        try {
          const log = join(dir, "demo.log");
          writeFileSync(log, "");
          const target = d.name === "sqlite" ? [store.location.file!, "-"] : [store.location.url!, store.location.schema!];
          // The test's own handle stays closed while the workers use a SQLite file.
          const crashed = await runWorker([...target, log, "start"], { NESTBOX_FAULT_POINT: c.fault });
          assert.equal(crashed.signal, "SIGKILL", crashed.stderr);
          assert.deepEqual(readDemoLog(log).runs, c.ranBeforeCrash);

          const resumed = await runWorker([...target, log, "resume"]);
          assert.equal(resumed.code, 0, resumed.stderr);
          assert.equal(resumed.stdout, "SUCCEEDED");
          const runs = readDemoLog(log);
          for (const step of DEMO_STEPS) assert.equal(runs.runs.filter((s) => s === step).length, step === "b" ? c.bRuns : 1, step);
          assert.deepEqual([...runs.effects.values()], [1, 1, 1], "each step's side effect happened exactly once");
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}

const pg = dialectsUnderTest().find((d) => d.name === "postgres");
describe("two workflow runners sharing one PostgreSQL store", { skip: pg ? pg.skip : "skipped: DIALECTS excludes postgres" }, () => {
  test("30 workflows: every step runs exactly once, also when one runner stops half-way", async () => {
    const store = await openTestDatabase("postgres");
    const second = store.reopen();
    try {
      const counts = new Map<string, number>();
      const def: WorkflowDefinition = {
        name: "shared",
        steps: () =>
          ["s1", "s2", "s3"].map((id) => ({
            id,
            run: async (ctx) => {
              counts.set(ctx.idempotencyKey, (counts.get(ctx.idempotencyKey) ?? 0) + 1);
              await sleep(5);
              return id;
            },
          })),
      };
      const options = { leaseMs: 5_000, pollMs: 20, concurrency: 4 };
      const r1 = runnerOn(store, { ...options, workerId: "one" });
      const r2 = runnerOn(second, { ...options, workerId: "two" });
      r1.register(def);
      r2.register(def);
      const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? r1 : r2).start("shared", { i }, { subjectId: `sh-${i}` })));
      r1.startWorkers();
      r2.startWorkers();
      // Runner one leaves part-way; its released workflows are finished by runner two.
      await until(async () => (await Promise.all(ids.map((id) => r2.get(id)))).filter((r) => r?.status === "SUCCEEDED").length >= 10, "10 finished");
      await r1.stop();
      for (const id of ids) assert.equal((await r2.waitFor(id)).status, "SUCCEEDED");
      await r2.stop();
      assert.equal(counts.size, 90);
      for (const [key, n] of counts) assert.equal(n, 1, key);
    } finally {
      await second.close();
      await store.close();
    }
  });
});
