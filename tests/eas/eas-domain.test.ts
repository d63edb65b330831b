// Pure EAS domain rules: the status machine, spec validation, slots on scaling, pod names,
// the autoscaler's stabilization windows and cron schedules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AutoscalerPolicy, recommendedReplicas } from "../../src/core/eas/eas-autoscaler.ts";
import { cronMatches, parseCron } from "../../src/core/eas/eas-cron.ts";
import { instanceName } from "../../src/core/eas/eas-instance-names.ts";
import { parseAutoscaler } from "../../src/core/eas/eas-scaler-config.ts";
import type { EasService } from "../../src/core/eas/eas-service.ts";
import { resize } from "../../src/core/eas/eas-service-plans.ts";
import { beginEasTransition, observedStatus } from "../../src/core/eas/eas-service-status.ts";
import { mergeSpec, validateSpec } from "../../src/core/eas/eas-spec.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";

test("status: Creating waits for replicas, Running follows them, Failed when all crash", () => {
  assert.equal(observedStatus("Creating", { desired: 3, total: 0, ready: 0, crashing: 0 }), undefined, "nothing spawned yet");
  assert.equal(observedStatus("Creating", { desired: 3, total: 3, ready: 1, crashing: 0 })?.status, "Waiting");
  assert.equal(observedStatus("Waiting", { desired: 3, total: 3, ready: 3, crashing: 0 })?.status, "Running");
  assert.equal(observedStatus("Running", { desired: 3, total: 3, ready: 2, crashing: 1 }), undefined, "still serving");
  assert.equal(observedStatus("Running", { desired: 1, total: 1, ready: 0, crashing: 1 })?.status, "Failed");
  assert.equal(observedStatus("Failed", { desired: 1, total: 1, ready: 1, crashing: 0 })?.status, "Running");
  assert.equal(observedStatus("Stopped", { desired: 1, total: 1, ready: 0, crashing: 0 }), undefined);
  assert.equal(observedStatus("Updating", { desired: 1, total: 1, ready: 0, crashing: 1 }), undefined, "an operation decides");
});

test("transition table: each operation from its statuses only", () => {
  assert.equal(beginEasTransition("Stop", "s", "Running").during, "Stopping");
  assert.equal(beginEasTransition("Start", "s", "Stopped").during, "Starting");
  assert.equal(beginEasTransition("Delete", "s", "Stopped").during, "Deleting");
  assert.throws(() => beginEasTransition("Start", "s", "Running"), (e: unknown) => e instanceof DomainError && e.code === "EAS_SERVICE_STATUS_INVALID");
  assert.throws(() => beginEasTransition("Scale", "s", "Stopped"), DomainError);
});

test("spec: name from metadata or top level; images and processors name the driver that runs them", () => {
  assert.equal(validateSpec({ name: "old_style", containers: [{ script: "run" }] }).name, "old_style");
  const v = validateSpec({ metadata: { name: "new_style", instance: 2, cpu: 4, memory: 8000 }, containers: [{ command: "python app.py", port: 8000, env: [{ name: "A", value: "1" }] }] });
  assert.deepEqual([v.sizing.instances, v.sizing.cpu, v.sizing.memory, v.run.containerPort], [2, 4, 8000, 8000]);
  assert.deepEqual(v.run.argv, ["/bin/sh", "-c", "python app.py"]);
  assert.deepEqual(v.run.env, { A: "1" });
  const refused = (spec: unknown, parameter: string) =>
    assert.throws(() => validateSpec(spec), (e: unknown) => e instanceof DomainError && e.details.parameter === parameter && /kubernetes driver/.test(e.message));
  refused({ name: "a", containers: [{ image: "r/m:1", port: 80 }] }, "containers[0].image");
  refused({ name: "a", processor: "tensorflow_cpu_1.15", model_path: "oss://b/m" }, "processor");
  refused({ name: "a", containers: [{ script: "x" }, { script: "y" }] }, "containers");
  assert.throws(() => validateSpec({ name: "Bad-Name", containers: [{ script: "x" }] }), /not valid/);
  assert.throws(() => validateSpec({ name: "a", containers: [{ script: "x", env: [{ name: "PORT", value: "1" }] }] }), /PORT/);
  assert.throws(() => validateSpec({ name: "a", metadata: { instance: 101 }, containers: [{ script: "x" }] }), /metadata.instance/);
});

test("merge is recursive for objects and replaces everything else", () => {
  assert.deepEqual(mergeSpec({ a: "b", m: { x: 1, y: 2 }, l: [1] }, { c: "d", m: { y: 3 }, l: [2] }), { a: "b", c: "d", m: { x: 1, y: 3 }, l: [2] });
});

test("resize: victims go first, then the newest slots; new slots are never reused numbers", () => {
  const s = { slots: [0, 1, 2, 3], nextSlot: 4 } as unknown as EasService;
  assert.deepEqual(resize(s, 2, [1]), { slots: [0, 2], remove: [1, 3], nextSlot: 4 });
  assert.deepEqual(resize(s, 5, []), { slots: [0, 1, 2, 3, 4], remove: [], nextSlot: 5 });
  assert.deepEqual(resize(s, 4, [1]), { slots: [0, 1, 2, 3], remove: [], nextSlot: 4 }, "a victim is only taken on scale-in");
});

test("instance names: pod form; a new generation or version changes them", () => {
  const a = instanceName("foo_bar", "eas-m-1", 0, 0, "hash1");
  assert.match(a, /^foo-bar-[a-z0-9]{10}-[a-z0-9]{5}$/);
  assert.equal(a, instanceName("foo_bar", "eas-m-1", 0, 0, "hash1"));
  assert.notEqual(a, instanceName("foo_bar", "eas-m-1", 0, 1, "hash1"));
  assert.notEqual(a.split("-").slice(0, -1).join("-"), instanceName("foo_bar", "eas-m-1", 0, 0, "hash2").split("-").slice(0, -1).join("-"));
});

test("autoscaler: qps per instance, clamped; up at once, down only after a whole quiet window", () => {
  const policy = parseAutoscaler({ min: 1, max: 4, scaleStrategies: [{ metricName: "qps", threshold: 10 }], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
  assert.equal(recommendedReplicas(policy, { qps: 25 }), 3);
  assert.equal(recommendedReplicas(policy, { qps: 1000 }), 4);
  assert.equal(recommendedReplicas(policy, { qps: 0 }), 1);
  const p = new AutoscalerPolicy();
  const at = (s: number) => new Date(1_000_000 + s * 1000);
  assert.equal(p.decide("s", policy, 1, { qps: 25 }, at(0)), 3);
  assert.equal(p.decide("s", policy, 3, { qps: 0 }, at(10)), undefined, "inside the scale-down window");
  assert.equal(p.decide("s", policy, 3, { qps: 0 }, at(50)), undefined);
  assert.equal(p.decide("s", policy, 3, { qps: 0 }, at(75)), 1, "the burst left the window");
  assert.throws(() => parseAutoscaler({ min: 0, max: 2, scaleStrategies: [{ metricName: "qps", threshold: 1 }] }), /min/);
});

test("cron: five or six fields, names, ranges, steps, time zones", () => {
  const monday8 = new Date("2024-06-03T00:00:00Z"); // 08:00 in Asia/Shanghai, a Monday
  assert.ok(cronMatches(parseCron("0 8 * * MON-FRI"), monday8, "Asia/Shanghai"));
  assert.ok(!cronMatches(parseCron("0 8 * * MON-FRI"), monday8));
  assert.ok(cronMatches(parseCron("0 */15 * * * ?"), new Date("2024-06-03T10:45:00Z")));
  assert.ok(!cronMatches(parseCron("0 */15 * * * ?"), new Date("2024-06-03T10:46:00Z")));
  assert.ok(cronMatches(parseCron("0 0 * * 7"), new Date("2024-06-02T00:00:00Z")), "7 is Sunday");
  assert.throws(() => parseCron("61 * * * *"), /out of range/);
  assert.throws(() => parseCron("* * *"), /5 fields/);
});
