import { test } from "node:test";
import assert from "node:assert/strict";
import { readConfiguration } from "../../core/servicestage/instance-configuration.ts";
import { parseProcessSpec } from "../drivers/local-process/process-spec.ts";
import { processProperties } from "./replica-process.ts";

const recipe = (configuration: unknown) => ({
  runtime: "Custom",
  packageRoot: "/srv/pkg",
  config: readConfiguration(configuration),
  env: [],
});
const entrypoint = { lifecycle: { entrypoint: { command: ["node"], args: ["server.js"] } } };

test("readiness and liveness probes become driver checks with their delay and timeout", () => {
  const props = processProperties(
    recipe({
      ...entrypoint,
      probes: {
        readinessProbe: { type: "http", delay: 5, timeout: 2, parameters: { scheme: "HTTP", port: 8080, path: "/ready" } },
        livenessProbe: { type: "command", delay: 30, timeout: 3, parameters: { command: ["cat", "/tmp/alive"] } },
      },
    }),
    "/srv/replica",
  );
  assert.deepEqual(props["ReadinessCheck"], { Http: "/ready", InitialDelaySeconds: 5, TimeoutSeconds: 2 });
  assert.deepEqual(props["LivenessCheck"], { Command: ["cat", "/tmp/alive"], InitialDelaySeconds: 30, TimeoutSeconds: 3 });
  // The driver takes them: liveness gets the default period and failure threshold.
  const spec = parseProcessSpec(props, { maxReplicas: 1, workingDirBase: "/srv" });
  assert.deepEqual(spec.liveness, { kind: "command", command: ["cat", "/tmp/alive"], initialDelaySeconds: 30, timeoutSeconds: 3, periodSeconds: 10, failureThreshold: 3 });
  assert.deepEqual(spec.readiness, { kind: "http", path: "/ready", initialDelaySeconds: 5, timeoutSeconds: 2 });
});

test("a tcp liveness probe alone, defaults delay 0 and timeout 1; no probes, no checks", () => {
  const props = processProperties(recipe({ ...entrypoint, probes: { livenessProbe: { type: "tcp", parameters: { port: 8080 } } } }), "/srv/replica");
  assert.deepEqual(props["LivenessCheck"], { Tcp: true, InitialDelaySeconds: 0, TimeoutSeconds: 1 });
  assert.equal("ReadinessCheck" in props, false);
  const bare = processProperties(recipe(entrypoint), "/srv/replica");
  assert.equal("ReadinessCheck" in bare || "LivenessCheck" in bare, false);
});
