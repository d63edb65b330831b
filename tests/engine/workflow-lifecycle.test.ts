// Starting, cancelling and stopping: idempotent starts, cancel of a running workflow, and a
// graceful stop that lets the running step checkpoint (or aborts it after the grace period).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { SqlWorkflowRepository } from "../../src/storage/sql/workflow-repository.ts";
import type { WorkflowDefinition } from "../../src/engine/workflow/workflow-definition.ts";
import type { WorkflowRecord } from "../../src/core/workflows/workflow.ts";
import { demoWorkflow } from "./fixtures/demo-workflow.ts";
import { gate, runnerOn, until } from "./fixtures/workflow-harness.ts";

/** Two steps; `slow` waits for the gate (or its abort signal) and counts its runs. */
function slowWorkflow(name: string, g: { promise: Promise<void> }, runs: string[]): WorkflowDefinition {
  return {
    name,
    steps: () => [
      {
        id: "slow",
        run: async (ctx) => {
          runs.push("slow");
          await Promise.race([g.promise, new Promise((r) => ctx.signal.addEventListener("abort", r))]);
          return "slow done";
        },
      },
      { id: "next", run: async () => (runs.push("next"), "next done") },
    ],
  };
}

describe("workflow lifecycle", () => {
  let store: TestDatabase;
  let dir: string;
  before(async () => {
    store = await openTestDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "nestbox-wf-life-"));
  });
  after(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("the same idempotency key starts one workflow, even from concurrent starts", async () => {
    const runner = runnerOn(store);
    runner.register(demoWorkflow(join(dir, "idem.log")));
    const ids = await Promise.all(
      Array.from({ length: 10 }, () => runner.start("demo", { label: "i" }, { subjectId: "idem", idempotencyKey: "same" })),
    );
    assert.equal(new Set(ids).size, 1);
    assert.equal((await runner.listBySubject("idem")).length, 1);
    const other = await runner.start("demo", { label: "i" }, { subjectId: "idem", idempotencyKey: "other" });
    assert.notEqual(other, ids[0]);
    assert.deepEqual((await runner.listBySubject("idem")).map((r) => r.id), [ids[0], other]);
  });

  test("starting an unregistered workflow is refused", async () => {
    const runner = runnerOn(store);
    await assert.rejects(runner.start("nope", {}, { subjectId: "x" }), /Unknown workflow nope/);
  });

  test("cancel stops a running workflow: no further step, nothing checkpointed, listeners told", async () => {
    const g = gate();
    const runs: string[] = [];
    const runner = runnerOn(store);
    runner.register(slowWorkflow("cancel-me", g, runs));
    const finished: WorkflowRecord[] = [];
    runner.onFinished((r) => finished.push(r));
    runner.startWorkers();
    const id = await runner.start("cancel-me", {}, { subjectId: "cancel" });
    await until(() => runs.length === 1, "the slow step started");
    assert.equal(await runner.cancel(id), true);
    await until(() => runner.activeCount === 0, "the run stopped");
    g.open();
    await runner.stop();
    assert.equal((await runner.get(id))?.status, "CANCELLED");
    assert.deepEqual(runs, ["slow"], "the next step never ran");
    assert.deepEqual(await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id), []);
    assert.deepEqual(finished.map((r) => r.status), ["CANCELLED"]);
    assert.equal(await runner.cancel(id), false, "a finished workflow cannot be cancelled again");
  });

  test("stop lets the running step checkpoint, starts no other, and releases the lease for another worker", async () => {
    const g = gate();
    const runs: string[] = [];
    // Leases far longer than the test: the second runner can only take over because stop released it.
    const first = runnerOn(store, { leaseMs: 600_000 });
    first.register(slowWorkflow("stop-graceful", g, runs));
    first.startWorkers();
    const id = await first.start("stop-graceful", {}, { subjectId: "stop" });
    await until(() => runs.length === 1, "the slow step started");
    const stopping = first.stop({ graceMs: 600_000 });
    g.open();
    await stopping;
    const held = await first.get(id);
    assert.equal(held?.status, "RUNNING");
    assert.deepEqual((await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id)).map((c) => c.stepKey), ["slow"]);
    assert.deepEqual(runs, ["slow"], "no step started after stop");

    const second = runnerOn(store, { leaseMs: 600_000 });
    second.register(slowWorkflow("stop-graceful", g, runs));
    second.startWorkers();
    const done = await second.waitFor(id);
    await second.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(runs, ["slow", "next"], "the checkpointed step was not run again");
  });

  test("a step still running when the grace period ends is aborted, discarded and run again by the next worker", async () => {
    const never = gate();
    const runs: string[] = [];
    const first = runnerOn(store, { leaseMs: 600_000 });
    first.register(slowWorkflow("stop-grace-over", never, runs));
    first.startWorkers();
    const id = await first.start("stop-grace-over", {}, { subjectId: "grace" });
    await until(() => runs.length === 1, "the slow step started");
    await first.stop({ graceMs: 20 });
    assert.deepEqual(await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id), [], "the aborted step's result was not kept");

    never.open();
    const second = runnerOn(store, { leaseMs: 600_000 });
    second.register(slowWorkflow("stop-grace-over", never, runs));
    second.startWorkers();
    assert.equal((await second.waitFor(id)).status, "SUCCEEDED");
    await second.stop();
    assert.deepEqual(runs, ["slow", "slow", "next"]);
  });

  test("a step that wraps a sub-step's interruption in an error of its own does not fail the workflow", async () => {
    const started = gate();
    const go = gate();
    const def: WorkflowDefinition = {
      name: "wrapping",
      steps: () => [
        {
          id: "layer",
          run: async (ctx) => {
            const first = ctx.child("first", async () => {
              started.open();
              await go.promise;
              return 1;
            });
            await go.promise;
            const settled = await Promise.allSettled([first, ctx.child("second", async () => 2)]);
            const failed = settled.filter((r) => r.status === "rejected").length;
            if (failed) throw new Error(`${failed} of 2 resources failed`);
            return 3;
          },
        },
      ],
    };
    const first = runnerOn(store, { leaseMs: 600_000 });
    first.register(def);
    first.startWorkers();
    const id = await first.start("wrapping", {}, { subjectId: "wrap" });
    await started.promise;
    const stopping = first.stop({ graceMs: 600_000 });
    go.open();
    await stopping;
    assert.equal((await first.get(id))?.status, "RUNNING", "stopping is not a failure");
    assert.deepEqual((await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id)).map((c) => c.stepKey), ["layer:first"]);

    const second = runnerOn(store, { leaseMs: 600_000 });
    second.register(def);
    second.startWorkers();
    const done = await second.waitFor(id);
    await second.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.equal(done.result, 3);
  });

  test("a stopped runner claims nothing new", async () => {
    const runner = runnerOn(store);
    runner.register(demoWorkflow(join(dir, "stopped.log")));
    runner.startWorkers();
    await runner.stop();
    const id = await runner.start("demo", { label: "late" }, { subjectId: "late" });
    await new Promise((r) => setTimeout(r, 60));
    assert.equal((await runner.get(id))?.status, "PENDING");
    await runner.cancel(id);
  });
});
