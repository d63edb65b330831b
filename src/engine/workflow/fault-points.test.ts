import { test } from "node:test";
import assert from "node:assert/strict";
import { FAULT_POINTS, FaultInjector, parseFaultSpec } from "./fault-points.ts";

test("the fault point names are stable", () => {
  assert.deepEqual(FAULT_POINTS, [
    "workflow.after-claim",
    "step.before-run",
    "step.after-run-before-checkpoint",
    "step.after-checkpoint",
    "workflow.before-complete",
  ]);
});

test("a spec names a point, optionally a step and the hit to fire on", () => {
  assert.equal(parseFaultSpec(undefined), undefined);
  assert.equal(parseFaultSpec(""), undefined);
  assert.deepEqual(parseFaultSpec("step.after-checkpoint"), { point: "step.after-checkpoint", step: undefined, hit: 1 });
  assert.deepEqual(parseFaultSpec("step.after-checkpoint:create-resource@3"), { point: "step.after-checkpoint", step: "create-resource", hit: 3 });
  assert.deepEqual(parseFaultSpec("step.before-run:layer-0:Web"), { point: "step.before-run", step: "layer-0:Web", hit: 1 });
  assert.throws(() => parseFaultSpec("step.after-chekpoint"), /unknown point step\.after-chekpoint/);
  assert.throws(() => parseFaultSpec("step.before-run@0"), /counts from 1/);
  assert.throws(() => parseFaultSpec("Step Before"), /is not <point>/);
});

test("the crash fires on the n-th matching hit only, for the step and its sub-steps", () => {
  const fired: string[] = [];
  const faults = new FaultInjector("step.after-checkpoint:layer-1@2", undefined, () => fired.push("crash"));
  const hits: [Parameters<FaultInjector["reach"]>[0], string | undefined][] = [
    ["step.after-checkpoint", "layer-10"], // another step, not a sub-step of layer-1
    ["step.before-run", "layer-1"], // another point
    ["step.after-checkpoint", "layer-1:Web"], // first hit
    ["step.after-checkpoint", "layer-1"], // second hit: fires
    ["step.after-checkpoint", "layer-1"], // third: no more
  ];
  for (const [point, key] of hits) {
    faults.reach(point, "wf-1", key);
    fired.push(`${point} ${key}`);
  }
  assert.deepEqual(fired, [
    "step.after-checkpoint layer-10",
    "step.before-run layer-1",
    "step.after-checkpoint layer-1:Web",
    "crash",
    "step.after-checkpoint layer-1",
    "step.after-checkpoint layer-1",
  ]);
});

test("without a spec nothing fires and a hook sees every point", async () => {
  const seen: string[] = [];
  const faults = new FaultInjector("", (point, key, id) => void seen.push(`${id} ${point} ${key ?? "-"}`), () => assert.fail("no crash"));
  faults.reach("workflow.after-claim", "wf-2");
  await faults.reach("step.before-run", "wf-2", "a");
  assert.deepEqual(seen, ["wf-2 workflow.after-claim -", "wf-2 step.before-run a"]);
});
