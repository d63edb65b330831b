import { test } from "node:test";
import assert from "node:assert/strict";
import { DriverError } from "../driver-error.ts";
import { parseProcessSpec } from "./process-spec.ts";

const limits = { maxReplicas: 10, workingDirBase: "/srv/nestbox" };

const invalid = (properties: Record<string, unknown>, message: RegExp) =>
  assert.throws(
    () => parseProcessSpec(properties, limits),
    (e: unknown) => e instanceof DriverError && e.code === "INVALID_PROPERTIES" && !e.retryable && message.test(e.message),
  );

test("defaults: one replica, no readiness check, 10 s stop timeout, always restart, the base directory", () => {
  assert.deepEqual(parseProcessSpec({ Command: "node" }, limits), {
    command: "node",
    args: [],
    env: {},
    workingDir: "/srv/nestbox",
    replicas: 1,
    readiness: { kind: "none" },
    stopTimeoutSeconds: 10,
    restartPolicy: "Always",
  });
});

test("template values arrive as strings and numbers and are normalized", () => {
  const spec = parseProcessSpec(
    {
      Command: ["python3", "-u"],
      Args: ["app.py", 8, true],
      Env: { WORKERS: 4, DEBUG: false, NAME: "x" },
      WorkingDir: "apps/web",
      Replicas: "3",
      ReadinessCheck: { Tcp: "true" },
      StopTimeout: "2.5",
      RestartPolicy: "OnFailure",
    },
    limits,
  );
  assert.deepEqual(spec, {
    command: "python3",
    args: ["-u", "app.py", "8", "true"],
    env: { WORKERS: "4", DEBUG: "false", NAME: "x" },
    workingDir: "/srv/nestbox/apps/web",
    replicas: 3,
    readiness: { kind: "tcp" },
    stopTimeoutSeconds: 2.5,
    restartPolicy: "OnFailure",
  });
  assert.deepEqual(parseProcessSpec({ Command: "x", ReadinessCheck: { Http: "/health?full=1" } }, limits).readiness, { kind: "http", path: "/health?full=1" });
  assert.equal(parseProcessSpec({ Command: "x", WorkingDir: "/abs" }, limits).workingDir, "/abs");
  assert.equal(parseProcessSpec({ Command: "x", Replicas: 0 }, limits).replicas, 0);
});

test("bad properties are rejected with the property named", () => {
  invalid({}, /Command .*required/);
  invalid({ Command: "" }, /Command/);
  invalid({ Command: [] }, /Command/);
  invalid({ Command: "x", Replicas: 11 }, /Replicas .*0 to 10/);
  invalid({ Command: "x", Replicas: 1.5 }, /Replicas/);
  invalid({ Command: "x", Args: "a b" }, /Args/);
  invalid({ Command: "x", Args: [{}] }, /Args\[0\]/);
  invalid({ Command: "x", Env: { "1BAD": "v" } }, /Env/);
  invalid({ Command: "x", Env: { NESTBOX_REPLICA_INDEX: "3" } }, /NESTBOX_REPLICA_INDEX/);
  invalid({ Command: "x", ReadinessCheck: { Http: "/a", Tcp: true } }, /ReadinessCheck/);
  invalid({ Command: "x", ReadinessCheck: { Tcp: false } }, /Tcp must be true/);
  invalid({ Command: "x", ReadinessCheck: "http" }, /ReadinessCheck/);
  invalid({ Command: "x", StopTimeout: -1 }, /StopTimeout/);
  invalid({ Command: "x", RestartPolicy: "Sometimes" }, /RestartPolicy/);
  invalid({ Command: "x", Image: "nginx" }, /no property "Image"/);
});
