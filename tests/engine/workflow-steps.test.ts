// How a run treats its steps: order, progress, retries, compensation, sub-steps and bad definitions.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase } from "../support/dialects.ts";
import { SqlWorkflowRepository } from "../../src/storage/sql/workflow-repository.ts";
import { SimulatedCrash } from "../../src/engine/workflow/workflow-runner.ts";
import type { WorkflowDefinition, WorkflowFailure } from "../../src/engine/workflow/workflow-definition.ts";
import type { WorkflowRecord } from "../../src/core/workflows/workflow.ts";
import { demoWorkflow, readDemoLog } from "./fixtures/demo-workflow.ts";
import { gate, runnerOn, sleep, until } from "./fixtures/workflow-harness.ts";

describe("workflow steps", () => {
  let store: TestDatabase;
  let dir: string;
  before(async () => {
    store = await openTestDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "nestbox-wf-steps-"));
  });
  after(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs one workflow of `def` to its end in a fresh runner. */
  async function runToEnd(def: WorkflowDefinition, input: unknown = {}): Promise<WorkflowRecord> {
    const runner = runnerOn(store);
    runner.register(def);
    runner.startWorkers();
    const done = await runner.waitFor(await runner.start(def.name, input, { subjectId: def.name }));
    await runner.stop();
    return done;
  }

  test("steps run in order, each checkpointed, and the workflow ends SUCCEEDED at 100% with the last result", async () => {
    const log = join(dir, "ok.log");
    writeFileSync(log, "");
    const runner = runnerOn(store);
    runner.register(demoWorkflow(log));
    const finished: WorkflowRecord[] = [];
    runner.onFinished((r) => finished.push(r));
    runner.startWorkers();
    const id = await runner.start("demo", { label: "ok" }, { subjectId: "ok" });
    const done = await runner.waitFor(id);
    await runner.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.equal(done.progress, 100);
    assert.deepEqual(done.result, { step: "c" });
    assert.deepEqual(readDemoLog(log).runs, ["a", "b", "c"]);
    const checkpoints = await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id);
    assert.deepEqual(checkpoints.map((c) => [c.stepKey, c.output]), [["a", { step: "a" }], ["b", { step: "b" }], ["c", { step: "c" }]]);
    assert.deepEqual(finished.map((r) => [r.id, r.status]), [[id, "SUCCEEDED"]], "onFinished heard the outcome once");
  });

  test("progress follows step weights, and a step's reported percent and detail are kept", async () => {
    const seen: { progress: number; detail: string }[] = [];
    const runner = runnerOn(store, {
      hook: async (point, stepKey, workflowId) => {
        if (point === "step.before-run" || (point === "step.after-run-before-checkpoint" && stepKey === "b")) {
          const r = await runner.get(workflowId);
          seen.push({ progress: r!.progress, detail: r!.statusDetail });
        }
      },
    });
    runner.register({
      name: "weighted",
      steps: () => [
        { id: "a", weight: 1, run: async () => "a" },
        {
          id: "b",
          weight: 3,
          run: async (ctx) => {
            await ctx.reportProgress("Copying data");
            await ctx.reportProgress(60, "Copied half the data");
            return "b";
          },
        },
      ],
    });
    runner.startWorkers();
    const done = await runner.waitFor(await runner.start("weighted", {}, { subjectId: "weighted" }));
    await runner.stop();
    assert.deepEqual(seen, [
      { progress: 0, detail: "" },
      { progress: 25, detail: "Finished step a" },
      { progress: 60, detail: "Copied half the data" },
    ]);
    assert.equal(done.progress, 100);
    assert.equal(done.statusDetail, "Copied half the data", "the last reported detail is kept");
  });

  test("a failing step compensates the finished steps in reverse order, then records the failure", async () => {
    const events: string[] = [];
    const done = await runToEnd({
      name: "compensating",
      steps: () => [
        { id: "a", run: async () => events.push("run a"), compensate: async () => void events.push("undo a") },
        { id: "b", run: async () => events.push("run b") },
        { id: "c", run: async () => events.push("run c"), compensate: async () => void events.push("undo c") },
        {
          id: "d",
          run: async () => {
            throw new Error("replica never became ready");
          },
          compensate: async () => void events.push("undo d"),
        },
      ],
      onFailure: async (_ctx, failure) => void events.push(`failed ${failure.stepKey}: ${failure.message}`),
    });
    assert.equal(done.status, "FAILED");
    assert.equal(done.error, "replica never became ready");
    assert.equal(done.statusDetail, "replica never became ready");
    assert.deepEqual(events, ["run a", "run b", "run c", "undo c", "undo a", "failed d: replica never became ready"]);
  });

  test("a compensation that throws is logged and the others still run", async () => {
    const events: string[] = [];
    const done = await runToEnd({
      name: "compensation-throws",
      steps: () => [
        { id: "a", run: async () => 1, compensate: async () => void events.push("undo a") },
        {
          id: "b",
          run: async () => 2,
          compensate: async () => {
            throw new Error("driver gone");
          },
        },
        {
          id: "c",
          run: async () => {
            throw new Error("bad");
          },
        },
      ],
    });
    assert.equal(done.status, "FAILED");
    assert.deepEqual(events, ["undo a"]);
  });

  test("a retryable error is retried up to maxAttempts and a terminal one is not", async () => {
    let attempts = 0;
    let terminal = 0;
    const def: WorkflowDefinition<{ terminal: boolean }> = {
      name: "retrying",
      maxAttempts: 3,
      steps: (input) => [
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
    let checkpointsLeft = 3;
    const def: WorkflowDefinition = {
      name: "fanout",
      steps: () => [
        {
          id: "layer",
          run: async (ctx) =>
            Promise.all(
              ["r1", "r2", "r3", "r4", "r5"].map((r) =>
                ctx.child(r, async (c) => {
                  active++;
                  peak = Math.max(peak, active);
                  runs.push(`${r} ${c.idempotencyKey}`);
                  await sleep(20);
                  active--;
                  return r.toUpperCase();
                }),
              ),
            ),
        },
      ],
    };
    const crashing = runnerOn(store, {
      hook: (p, key) => {
        if (p === "step.after-checkpoint" && key?.startsWith("layer:") && --checkpointsLeft === 0) throw new SimulatedCrash(p);
      },
    });
    crashing.register(def);
    crashing.startWorkers();
    const id = await crashing.start("fanout", {}, { subjectId: "fan" });
    await until(() => checkpointsLeft <= 0 && crashing.activeCount === 0, "the run was abandoned");
    await crashing.stop();
    await until(() => active === 0, "the abandoned run's sub-steps returned");
    const repo = new SqlWorkflowRepository(store.db, "sqlite");
    const before = (await repo.listCheckpoints(id)).map((c) => c.stepKey);
    assert.equal(before.length, 3, "the abandoned run wrote nothing after the crash");

    const resumer = runnerOn(store);
    resumer.register(def);
    resumer.startWorkers();
    const done = await resumer.waitFor(id);
    await resumer.stop();
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(done.result, ["R1", "R2", "R3", "R4", "R5"]);
    assert.ok(peak > 1, "sub-steps ran concurrently");
    const subKeys = (await repo.listCheckpoints(id)).map((c) => c.stepKey).filter((k) => k.startsWith("layer:"));
    assert.deepEqual(subKeys.sort(), ["layer:r1", "layer:r2", "layer:r3", "layer:r4", "layer:r5"]);
    for (const key of before) {
      const r = key.slice("layer:".length);
      assert.equal(runs.filter((l) => l.startsWith(`${r} `)).length, 1, `${key} was checkpointed: not run again`);
    }
    assert.ok(runs.every((l) => l.endsWith(`${id}/layer:${l.split(" ")[0]}`)), "each sub-step has its own idempotency key");
  });

  test("a retried step waits for its running sub-steps, so none runs twice", async () => {
    const runs: string[] = [];
    let failedOnce = false;
    const done = await runToEnd({
      name: "fanout-retry",
      steps: () => [
        {
          id: "layer",
          run: async (ctx) =>
            Promise.all([
              ctx.child("slow", async () => {
                runs.push("slow");
                await sleep(60);
                return "slow";
              }),
              ctx.child("flaky", async () => {
                runs.push("flaky");
                if (!failedOnce) {
                  failedOnce = true;
                  throw Object.assign(new Error("busy"), { retryable: true });
                }
                return "flaky";
              }),
            ]),
        },
      ],
    });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(done.result, ["slow", "flaky"]);
    assert.deepEqual(runs.sort(), ["flaky", "flaky", "slow"]);
  });

  test("a sub-step that fails for good is named; the partial step is compensated after its siblings settle", async () => {
    const events: string[] = [];
    let failure: WorkflowFailure | undefined;
    const done = await runToEnd({
      name: "fanout-fail",
      steps: () => [
        { id: "network", run: async () => "net", compensate: async () => void events.push("undo network") },
        {
          id: "layer",
          run: async (ctx) =>
            Promise.all([
              ctx.child("Web", async () => {
                await sleep(40);
                events.push("created Web");
                return "web-1";
              }),
              ctx.child("Db", async () => {
                throw new Error("disk full");
              }),
            ]),
          compensate: async (ctx) => void events.push(`undo layer with Web=${String(ctx.results["layer:Web"])}`),
        },
      ],
      onFailure: async (_ctx, f) => void (failure = f),
    });
    assert.equal(done.status, "FAILED");
    assert.deepEqual(failure, { stepKey: "layer:Db", message: "disk full" });
    assert.deepEqual(events, ["created Web", "undo layer with Web=web-1", "undo network"]);
  });

  test("results are seen as stored (through JSON) on the first run as on a replay", async () => {
    let seen: unknown;
    const done = await runToEnd({
      name: "json-results",
      steps: () => [
        { id: "a", run: async () => ({ at: new Date(0), gone: undefined }) },
        { id: "b", run: async (ctx) => (seen = ctx.results.a) },
      ],
    });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(seen, { at: "1970-01-01T00:00:00.000Z" });
  });

  test("a step whose result is not JSON fails the workflow for good", async () => {
    let runs = 0;
    const done = await runToEnd({
      name: "not-json",
      steps: () => [{ id: "a", run: async () => (runs++, { big: 10n }) }],
    });
    assert.equal(done.status, "FAILED");
    assert.match(done.error ?? "", /BigInt/);
    assert.equal(runs, 1, "not retried");
  });

  test("a definition that cannot build its steps fails the workflow and still reports the failure", async () => {
    let failure: WorkflowFailure | undefined;
    const done = await runToEnd({
      name: "bad-definition",
      steps: () => {
        throw new Error("template has no Resources");
      },
      onFailure: async (_ctx, f) => void (failure = f),
    });
    assert.equal(done.status, "FAILED");
    assert.match(done.error ?? "", /template has no Resources/);
    assert.equal(failure?.stepKey, "");
  });

  test("duplicate or reserved step ids are refused", async () => {
    for (const [name, ids] of [["dup-ids", ["a", "a"]], ["reserved-ids", ["__failed"]], ["colon-ids", ["a:b"]]] as const) {
      let ran = false;
      const done = await runToEnd({ name, steps: () => ids.map((id) => ({ id, run: async () => (ran = true) })) });
      assert.equal(done.status, "FAILED", name);
      assert.equal(ran, false, name);
    }
  });

  test("a step's signal aborts when the run is abandoned, and what it returns then is not kept", async () => {
    const started = gate();
    let aborted = false;
    const runner = runnerOn(store, {
      hook: (p, key) => {
        if (p === "step.before-run" && key === "b:second") throw new SimulatedCrash(p);
      },
    });
    runner.register({
      name: "abort-signal",
      steps: () => [
        {
          id: "b",
          run: async (ctx) =>
            Promise.all([
              ctx.child("first", async (c) => {
                started.open();
                await new Promise((r) => c.signal.addEventListener("abort", r));
                aborted = true;
                return "first";
              }),
              started.promise.then(() => ctx.child("second", async () => "second")),
            ]),
        },
      ],
    });
    runner.startWorkers();
    const id = await runner.start("abort-signal", {}, { subjectId: "abort" });
    await until(() => aborted, "the running sub-step saw the abort");
    await runner.stop();
    assert.deepEqual(await new SqlWorkflowRepository(store.db, "sqlite").listCheckpoints(id), []);
  });
});
