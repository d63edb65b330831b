// Crash and resume in process: a fault hook abandons a run at each named point (as if the
// process died there), then a second runner over the same store resumes the workflow.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { SqlWorkflowRepository } from "../../src/storage/sql/workflow-repository.ts";
import { SimulatedCrash, WorkflowRunner } from "../../src/engine/workflow/workflow-runner.ts";
import { FAULT_POINTS, FaultInjector, type FaultPoint } from "../../src/engine/workflow/fault-points.ts";
import { systemClock } from "../../src/core/shared/clock.ts";
import { silentLogger } from "../../src/core/shared/logger.ts";
import type { WorkflowRepository } from "../../src/core/workflows/workflow.ts";
import { demoWorkflow, readDemoLog, runCount } from "./fixtures/demo-workflow.ts";
import { gate, runnerOn, until } from "./fixtures/workflow-harness.ts";

/** What each point leaves behind when the run dies at step b (or at the workflow's edges). */
const EXPECTED: Record<FaultPoint, { ranBeforeCrash: string[]; checkpointedBeforeCrash: string[]; bRuns: number }> = {
  "workflow.after-claim": { ranBeforeCrash: [], checkpointedBeforeCrash: [], bRuns: 1 },
  "step.before-run": { ranBeforeCrash: ["a"], checkpointedBeforeCrash: ["a"], bRuns: 1 },
  // b's side effect happened, its checkpoint did not: b runs again, with the same idempotency key.
  "step.after-run-before-checkpoint": { ranBeforeCrash: ["a", "b"], checkpointedBeforeCrash: ["a"], bRuns: 2 },
  // b's checkpoint committed: b is replayed from it, never run again.
  "step.after-checkpoint": { ranBeforeCrash: ["a", "b"], checkpointedBeforeCrash: ["a", "b"], bRuns: 1 },
  "workflow.before-complete": { ranBeforeCrash: ["a", "b", "c"], checkpointedBeforeCrash: ["a", "b", "c"], bRuns: 1 },
};

for (const d of dialectsUnderTest()) {
  describe(`workflow crash and resume in process on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let repo: WorkflowRepository;
    let dir: string;
    before(async () => {
      store = await openTestDatabase(d.name);
      repo = new SqlWorkflowRepository(store.db, d.name);
      dir = mkdtempSync(join(tmpdir(), "nestbox-wf-resume-"));
    });
    after(async () => {
      await store?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const point of FAULT_POINTS) {
      test(`a run abandoned at ${point} resumes in another runner; every side effect happens once`, async () => {
        const log = join(dir, `${point}.log`);
        writeFileSync(log, "");
        let crashed = false;
        const crashing = runnerOn(store, {
          hook: (p, stepKey) => {
            if (p === point && (stepKey === undefined || stepKey === "b") && !crashed) {
              crashed = true;
              throw new SimulatedCrash(p);
            }
          },
        });
        crashing.register(demoWorkflow(log));
        crashing.startWorkers();
        const id = await crashing.start("demo", { label: point }, { subjectId: `resume-${point}` });
        await until(() => crashed && crashing.activeCount === 0, "the run was abandoned");
        await crashing.stop();

        const want = EXPECTED[point];
        assert.equal((await repo.get(id))?.status, "RUNNING", "the abandoned run left the workflow running");
        assert.deepEqual(readDemoLog(log).runs, want.ranBeforeCrash);
        assert.deepEqual((await repo.listCheckpoints(id)).map((c) => c.stepKey).sort(), want.checkpointedBeforeCrash);

        const resumer = runnerOn(store);
        resumer.register(demoWorkflow(log));
        resumer.startWorkers();
        const done = await resumer.waitFor(id);
        await resumer.stop();
        assert.equal(done.status, "SUCCEEDED");
        assert.deepEqual(done.result, { step: "c" });
        const after = readDemoLog(log);
        assert.equal(runCount(after, "a"), 1, "a was checkpointed before the crash (or not run): never re-run");
        assert.equal(runCount(after, "b"), want.bRuns);
        assert.equal(runCount(after, "c"), 1);
        assert.equal(after.keysOf("b").size, 1, "every run of b used one idempotency key");
        assert.deepEqual([...after.effects.values()], [1, 1, 1], "each step's side effect happened exactly once");
      });
    }

    test("a paused run shows its committed checkpoint before moving on", async () => {
      const log = join(dir, "pause.log");
      writeFileSync(log, "");
      const paused = gate();
      const release = gate();
      const runner = runnerOn(store, {
        hook: async (p, stepKey) => {
          if (p === "step.after-checkpoint" && stepKey === "b") {
            paused.open();
            await release.promise;
          }
        },
      });
      runner.register(demoWorkflow(log));
      runner.startWorkers();
      const id = await runner.start("demo", { label: "pause" }, { subjectId: "pause" });
      await paused.promise;
      const during = await repo.get(id);
      assert.equal(during?.status, "RUNNING");
      assert.equal(during?.progress, 33, "one of three steps was done before b");
      assert.deepEqual((await repo.listCheckpoints(id)).map((c) => c.stepKey).sort(), ["a", "b"]);
      assert.deepEqual(readDemoLog(log).runs, ["a", "b"], "c waits for the pause");
      release.open();
      assert.equal((await runner.waitFor(id)).status, "SUCCEEDED");
      await runner.stop();
    });

    test("a stale worker whose lease was taken over writes nothing more", async () => {
      const log = join(dir, "stale.log");
      writeFileSync(log, "");
      const paused = gate();
      const release = gate();
      const accepted: string[] = [];
      const staleRepo = new SqlWorkflowRepository(store.db, d.name);
      const spy: WorkflowRepository = Object.assign(Object.create(staleRepo), {
        checkpoint: async (...args: Parameters<WorkflowRepository["checkpoint"]>) => {
          const ok = await staleRepo.checkpoint(...args);
          if (ok) accepted.push(args[1].stepKey);
          return ok;
        },
      });
      const stale = new WorkflowRunner(spy, systemClock, silentLogger, {
        leaseMs: 60_000,
        pollMs: 20,
        faults: new FaultInjector("", async (p, stepKey) => {
          if (p === "step.after-run-before-checkpoint" && stepKey === "b") {
            paused.open();
            await release.promise;
          }
        }),
      });
      stale.register(demoWorkflow(log));
      stale.startWorkers();
      const id = await stale.start("demo", { label: "stale" }, { subjectId: "stale" });
      await paused.promise;

      // A worker whose clock is an hour ahead sees the lease as expired (a long pause, a partition).
      const ahead = runnerOn(store, { clock: { now: () => new Date(Date.now() + 3_600_000) } });
      ahead.register(demoWorkflow(log));
      ahead.startWorkers();
      const done = await ahead.waitFor(id);
      assert.equal(done.status, "SUCCEEDED");
      release.open();
      await until(() => stale.activeCount === 0, "the stale run stopped");
      await stale.stop();
      await ahead.stop();

      assert.deepEqual(accepted, ["a"], "the stale worker's checkpoint of b (and anything later) was refused");
      const got = await repo.get(id);
      assert.equal(got?.status, "SUCCEEDED", "the stale worker did not overwrite the outcome");
      const runs = readDemoLog(log);
      assert.equal(runCount(runs, "b"), 2, "b ran in both workers");
      assert.deepEqual([...runs.effects.values()], [1, 1, 1], "with one idempotency key: one side effect");
    });
  });
}
