import { test } from "node:test";
import assert from "node:assert/strict";
import { DriverError } from "../driver-error.ts";
import { specHash } from "../shared/spec-hash.ts";
import { parseProcessSpec } from "./process-spec.ts";
import { restartAllowed } from "./replica-runner.ts";

const limits = { maxReplicas: 10, workingDirBase: "/srv/nestbox" };

const invalid = (properties: Record<string, unknown>, message: RegExp) =>
  assert.throws(
    () => parseProcessSpec(properties, limits),
    (e: unknown) => e instanceof DriverError && e.code === "INVALID_PROPERTIES" && message.test(e.message),
  );

test("without LivenessCheck the spec has no liveness key, so earlier specs keep their hash", () => {
  const spec = parseProcessSpec({ Command: "node", ReadinessCheck: { Http: "/h" } }, limits);
  assert.equal("liveness" in spec, false);
  assert.deepEqual(spec.readiness, { kind: "http", path: "/h" });
  assert.equal(specHash(spec), specHash({ ...spec, liveness: undefined }));
});

test("LivenessCheck takes the three checks, with Kubernetes' timing defaults", () => {
  const live = (check: unknown) => parseProcessSpec({ Command: "x", LivenessCheck: check }, limits).liveness;
  const defaults = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 };
  assert.deepEqual(live({ Http: "/live" }), { kind: "http", path: "/live", ...defaults });
  assert.deepEqual(live({ Tcp: "true" }), { kind: "tcp", ...defaults });
  assert.deepEqual(live({ Command: ["cat", "/tmp/ok"], PeriodSeconds: "5", FailureThreshold: 1, InitialDelaySeconds: 30, TimeoutSeconds: 2.5 }), {
    kind: "command",
    command: ["cat", "/tmp/ok"],
    initialDelaySeconds: 30,
    timeoutSeconds: 2.5,
    periodSeconds: 5,
    failureThreshold: 1,
  });
});

test("ReadinessCheck accepts the same timing keys, keeping only those given", () => {
  const spec = parseProcessSpec({ Command: "x", ReadinessCheck: { Tcp: true, InitialDelaySeconds: 3, TimeoutSeconds: 2 } }, limits);
  assert.deepEqual(spec.readiness, { kind: "tcp", initialDelaySeconds: 3, timeoutSeconds: 2 });
});

test("bad liveness checks and timings are refused naming the property", () => {
  invalid({ Command: "x", LivenessCheck: { Http: "live" } }, /LivenessCheck.*Http must be a path/);
  invalid({ Command: "x", LivenessCheck: { PeriodSeconds: 3 } }, /LivenessCheck/);
  invalid({ Command: "x", LivenessCheck: { Tcp: true, Bogus: 1 } }, /LivenessCheck/);
  invalid({ Command: "x", LivenessCheck: { Tcp: true, FailureThreshold: 0 } }, /LivenessCheck.FailureThreshold.*integer from 1 to 100/);
  invalid({ Command: "x", LivenessCheck: { Tcp: true, FailureThreshold: 1.5 } }, /LivenessCheck.FailureThreshold/);
  invalid({ Command: "x", LivenessCheck: { Tcp: true, TimeoutSeconds: 0 } }, /LivenessCheck.TimeoutSeconds/);
  invalid({ Command: "x", ReadinessCheck: { Http: "/", InitialDelaySeconds: -1 } }, /ReadinessCheck.InitialDelaySeconds/);
  invalid({ Command: "x", LivenessCheck: { Command: [] } }, /Command must be a non-empty list/);
});

test("a replica stopped by its liveness check restarts unless the policy is Never", () => {
  const last = { exitCode: 0, signal: null, reason: "LivenessProbeFailed", finishedAt: new Date(0).toISOString() };
  assert.equal(restartAllowed("Always", last), true);
  assert.equal(restartAllowed("OnFailure", last), true);
  assert.equal(restartAllowed("Never", last), false);
});
