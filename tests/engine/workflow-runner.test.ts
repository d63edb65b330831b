import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { SqlWorkflowRepository } from "../../src/storage/sql/workflow-repository.ts";
import { SimulatedCrash, WorkflowRunner } from "../../src/engine/workflow/workflow-runner.ts";
import { FaultInjector, FAULT_POINTS, type FaultPoint } from "../../src/engine/workflow/fault-points.ts";
import type { WorkflowDefinition } from "../../src/engine/workflow/workflow-definition.ts";
import { systemClock } from "../../src/core/shared/clock.ts";
import { silentLogger } from "../../src/core/shared/logger.ts";
import { demoWorkflow } from "./fixtures/demo-workflow.ts";

const FAST = { leaseMs: 300, pollMs: 30, retryDelayMs: 10 };

function runnerOn(store: { db: TestDatabase["db"]; dialect: TestDatabase["dialect"] }, faults?: FaultInjector) {
  return new WorkflowRunner(new SqlWorkflowRepository(store.db, store.dialect), systemClock, silentLogger, { ...FAST, faults });
}

const readLog = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split(" ") as [string, string]);

describe("workflow runner on sqlite", () => {
  let store: TestDatabase;
  let dir: string;
  before(async () => {
    store = await openTestDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "nestbox-wf-"));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("runs steps in order, checkpoints each, and ends SUCCEEDED at 100%", async () => {
    const log = join(dir, "ok.log");
    writeFileSync(log, "");
    const runner = runnerOn(store);
    runner.register(demoWorkflow(log));
    runner.startWorkers();
    const id = await runner.start("demo", { label: "ok" }, { subjectId: "ok" });
    const done = await runner.waitFor(id);
    await runner.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.equal(done.progress, 100);
    assert.deepEqual(done.result, { step: "c" });
    assert.deepEqual(readLog(log).map(([s]) => s), ["a", "b", "c"]);
  });

  for (const point of FAULT_POINTS.filter((p) => p.startsWith("step."))) {
    test(`a crash at ${point} of step b resumes without re-running checkpointed steps`, async () => {
      const log = join(dir, `${point}.log`);
      writeFileSync(log, "");
      let crashed = false;
      const faults = new FaultInjector(undefined, (p: FaultPoint, stepKey) => {
        if (p === point && stepKey === "b") {
          crashed = true;
          throw new SimulatedCrash(p);
        }
      });
      const crashing = runnerOn(store, faults);
      crashing.register(demoWorkflow(log));
      crashing.startWorkers();
      const id = await crashing.start("demo", { label: point }, { subjectId: point });
      while (!crashed || crashing.activeCount > 0) await sleep(10);
      await crashing.stop();
      assert.equal((await crashing.get(id))?.status, "RUNNING", "the crashed run left the workflow running");

      const resumer = runnerOn(store);
      resumer.register(demoWorkflow(log));
      resumer.startWorkers();
      const done = await resumer.waitFor(id);
      await resumer.stop();
      assert.equal(done.status, "SUCCEEDED");
      const runs = readLog(log);
      const count = (s: string) => runs.filter(([step]) => step === s).length;
      assert.equal(count("a"), 1, "a was checkpointed before the crash: never re-run");
      assert.equal(count("c"), 1);
      // b ran twice only when it ran but did not checkpoint; both runs used one idempotency key.
      assert.equal(count("b"), point === "step.after-run-before-checkpoint" ? 2 : 1);
      assert.equal(new Set(runs.filter(([s]) => s === "b").map(([, key]) => key)).size, 1);
    });
  }

  test("a crash after claim and before completion both resume to SUCCEEDED", async () => {
    for (const point of ["workflow.after-claim", "workflow.before-complete"] as const) {
      const log = join(dir, `${point}.log`);
      writeFileSync(log, "");
      let fired = false;
      const crashing = runnerOn(
        store,
        new FaultInjector(undefined, (p) => {
          if (p === point && !fired) {
            fired = true;
            throw new SimulatedCrash(p);
          }
        }),
      );
      crashing.register(demoWorkflow(log));
      crashing.startWorkers();
      const id = await crashing.start("demo", { label: point }, { subjectId: point });
      while (!fired || crashing.activeCount > 0) await sleep(10);
      await crashing.stop();
      const resumer = runnerOn(store);
      resumer.register(demoWorkflow(log));
      resumer.startWorkers();
      assert.equal((await resumer.waitFor(id)).status, "SUCCEEDED", point);
      await resumer.stop();
      assert.deepEqual(readLog(log).map(([s]) => s), ["a", "b", "c"], point);
    }
  });

  test("a failing step compensates finished steps in reverse order, then records the failure", async () => {
    const events: string[] = [];
    const def: WorkflowDefinition = {
      name: "compensating",
      steps: () => [
        { id: "a", run: async () => events.push("run a"), compensate: async () => void events.push("undo a") },
        { id: "b", run: async () => events.push("run b"), compensate: async () => void events.push("undo b") },
        {
          id: "c",
          run: async () => {
            throw new Error("replica never became ready");
          },
        },
      ],
      onFailure: async (_ctx, failure) => void events.push(`failed ${failure.stepKey}: ${failure.message}`),
    };
    const runner = runnerOn(store);
    runner.register(def);
    runner.startWorkers();
    const id = await runner.start("compensating", {}, { subjectId: "comp" });
    const done = await runner.waitFor(id);
    await runner.stop();
    assert.equal(done.status, "FAILED");
    assert.equal(done.error, "replica never became ready");
    assert.deepEqual(events, ["run a", "run b", "undo b", "undo a", "failed c: replica never became ready"]);
  });

  test("a retryable error is retried and a terminal one is not", async () => {
    let attempts = 0;
    let terminal = 0;
    const def: WorkflowDefinition = {
      name: "retrying",
      maxAttempts: 3,
      steps: (input: { terminal: boolean }) => [
        {
          id: "flaky",
          run: async () => {
            if (input.terminal) {
              terminal++;
              throw Object.assign(new Error("bad properties"), { retryable: false });
            }
            if (++attempts < 3) throw Object.assign(new Error("busy"), { retryable: true });
            return attempts;
          },
        },
      ],
    };
    const runner = runnerOn(store);
    runner.register(def);
    runner.startWorkers();
    const ok = await runner.waitFor(await runner.start("retrying", { terminal: false }, { subjectId: "r1" }));
    const bad = await runner.waitFor(await runner.start("retrying", { terminal: true }, { subjectId: "r2" }));
    await runner.stop();
    assert.equal(ok.status, "SUCCEEDED");
    assert.equal(ok.result, 3);
    assert.equal(bad.status, "FAILED");
    assert.equal(terminal, 1);
  });

  test("fanned-out sub-steps run in parallel and resume from their own checkpoints", async () => {
    const runs: string[] = [];
    let active = 0;
    let peak = 0;
    let crashAfter = 3;
    const def: WorkflowDefinition = {
      name: "fanout",
      steps: () => [
        {
          id: "layer",
          run: async (ctx) =>
            Promise.all(
              ["r1", "r2", "r3", "r4", "r5"].map((r) =>
                ctx.child(r, async () => {
                  active++;
                  peak = Math.max(peak, active);
                  runs.push(r);
                  await sleep(20);
                  active--;
                  return r.toUpperCase();
                }),
              ),
            ),
        },
      ],
    };
    const crashing = runnerOn(
      store,
      new FaultInjector(undefined, (p, key) => {
        if (p === "step.after-checkpoint" && key?.startsWith("layer:") && --crashAfter === 0) throw new SimulatedCrash(p);
      }),
    );
    crashing.register(def);
    crashing.startWorkers();
    const id = await crashing.start("fanout", {}, { subjectId: "fan" });
    while (crashAfter > 0 || crashing.activeCount > 0) await sleep(10);
    await crashing.stop();
    await sleep(40); // the other children of the crashed run finish their sleeps
    const firstRuns = runs.length;
    const resumer = runnerOn(store);
    resumer.register(def);
    resumer.startWorkers();
    const done = await resumer.waitFor(id);
    await resumer.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(done.result, ["R1", "R2", "R3", "R4", "R5"]);
    assert.ok(peak > 1, "children ran concurrently");
    const checkpointed = (await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id)).filter((c) =>
      c.stepKey.startsWith("layer:"),
    );
    assert.equal(checkpointed.length, 5);
    assert.ok(runs.length - firstRuns <= 5 - 3 + 0, "only children without a checkpoint ran again");
  });

  test("the same idempotency key starts one workflow", async () => {
    const runner = runnerOn(store);
    runner.register(demoWorkflow(join(dir, "idem.log")));
    const ids = await Promise.all(Array.from({ length: 10 }, () => runner.start("demo", { label: "i" }, { subjectId: "i", idempotencyKey: "same" })));
    assert.equal(new Set(ids).size, 1);
  });
});

for (const d of dialectsUnderTest()) {
  describe(`workflow runner, real crash of a child process, on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let dir: string;
    before(async () => {
      store = await openTestDatabase(d.name);
      dir = mkdtempSync(join(tmpdir(), "nestbox-wfproc-"));
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test("a process killed by SIGKILL after step b's checkpoint is resumed by the next one", async () => {
      const log = join(dir, "proc.log");
      writeFileSync(log, "");
      const target = d.name === "sqlite" ? [store.location.file!, "-"] : [store.location.url!, store.location.schema!];
      const script = new URL("./fixtures/crash-worker.ts", import.meta.url).pathname;
      const crashed = spawnSync(process.execPath, ["--import", "tsx", script, ...target, log, "start"], {
        env: { ...process.env, NESTBOX_FAULT_POINT: "step.after-checkpoint:b" },
        encoding: "utf8",
      });
      assert.equal(crashed.signal, "SIGKILL", crashed.stderr);
      assert.deepEqual(readLog(log).map(([s]) => s), ["a", "b"]);
      const resumed = spawnSync(process.execPath, ["--import", "tsx", script, ...target, log, "resume"], { encoding: "utf8" });
      assert.equal(resumed.status, 0, resumed.stderr);
      assert.equal(resumed.stdout, "SUCCEEDED");
      assert.deepEqual(readLog(log).map(([s]) => s), ["a", "b", "c"]);
    });
  });

  describe(`two workflow runners sharing one ${d.name} store`, { skip: d.name === "sqlite" ? "skipped: SQLite is one process's store (the data directory is locked)" : d.skip }, () => {
    let store: TestDatabase;
    before(async () => {
      store = await openTestDatabase(d.name);
    });
    after(async () => store?.close());

    test("30 workflows: every step runs exactly once across both runners", async () => {
      const second = store.reopen();
      const counts = new Map<string, number>();
      const def: WorkflowDefinition = {
        name: "shared",
        steps: () =>
          ["s1", "s2", "s3"].map((id) => ({
            id,
            run: async (ctx) => {
              counts.set(`${ctx.workflowId}/${id}`, (counts.get(`${ctx.workflowId}/${id}`) ?? 0) + 1);
              await sleep(5);
              return id;
            },
          })),
      };
      const r1 = new WorkflowRunner(new SqlWorkflowRepository(store.db, d.name), systemClock, silentLogger, { leaseMs: 2000, pollMs: 20, concurrency: 4 });
      const r2 = new WorkflowRunner(new SqlWorkflowRepository(second.db, d.name), systemClock, silentLogger, { leaseMs: 2000, pollMs: 20, concurrency: 4 });
      r1.register(def);
      r2.register(def);
      const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? r1 : r2).start("shared", { i }, { subjectId: `sh-${i}` })));
      r1.startWorkers();
      r2.startWorkers();
      for (const id of ids) assert.equal((await r1.waitFor(id)).status, "SUCCEEDED");
      await r1.stop();
      await r2.stop();
      await second.close();
      assert.equal(counts.size, 90);
      for (const [key, n] of counts) assert.equal(n, 1, key);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
