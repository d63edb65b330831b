import { test } from "node:test";
import assert from "node:assert/strict";
import { createDriverRegistry } from "./driver-registry.ts";
import { DriverError } from "./driver-error.ts";
import { FakeDriver } from "./fake-driver.ts";
import { HandlerDriver, type ResourceHandler } from "./resource-handler.ts";

const isDriverError = (code: string, retryable: boolean) => (e: unknown) => e instanceof DriverError && e.code === code && e.retryable === retryable;

test("the registry sends each resource to the driver of its type", async () => {
  const a = new FakeDriver({ name: "a", resourceTypes: ["Test::A"] });
  const b = new FakeDriver({ name: "b", resourceTypes: ["Test::B"], attributes: () => ({ Id: "b" }) });
  const registry = createDriverRegistry({ a, b });
  assert.deepEqual(registry.resourceTypes, ["Test::A", "Test::B"]);
  assert.equal(registry.driverFor("Test::B"), b);
  await registry.apply({ key: "si-1.X", type: "Test::B", properties: {} });
  assert.deepEqual(b.keys(), ["si-1.X"]);
  assert.deepEqual(a.keys(), []);
  assert.deepEqual((await registry.observe({ key: "si-1.X", type: "Test::B" }))?.attributes, { Id: "b" });
  await assert.rejects(registry.apply({ key: "si-1.Y", type: "Test::C", properties: {} }), isDriverError("UNSUPPORTED_RESOURCE_TYPE", false));
});

test("two drivers for one type is a wiring mistake caught at creation", () => {
  assert.throws(() => createDriverRegistry({ a: new FakeDriver({ resourceTypes: ["T"] }), b: new FakeDriver({ resourceTypes: ["T"] }) }), /both/);
});

test("a handler's unexpected failure reaches callers as a retryable IO_ERROR; types without replicas answer lifecycle calls", async () => {
  const handler: ResourceHandler = {
    type: "Test::Flaky",
    apply: async () => {
      throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
    },
    observe: async (key) =>
      key === "si-1.There"
        ? { key, type: "Test::Flaky", physicalId: key, attributes: {}, secretAttributes: [], desiredState: "Running", ready: true, specHash: "h", replicas: [] }
        : undefined,
    destroy: async () => undefined,
  };
  const driver = new HandlerDriver("test", [handler]);
  await assert.rejects(driver.apply({ key: "si-1.X", type: "Test::Flaky", properties: {} }), (e: unknown) => isDriverError("IO_ERROR", true)(e) && /ENOSPC/.test((e as Error).message));
  const there = { key: "si-1.There", type: "Test::Flaky" };
  await driver.stop(there);
  await driver.start(there);
  await driver.restart(there);
  assert.deepEqual(await driver.logs(there), []);
  await assert.rejects(driver.restartReplica(there, 0, { soft: true }), isDriverError("REPLICA_NOT_FOUND", false));
  await assert.rejects(driver.stop({ key: "si-1.Gone", type: "Test::Flaky" }), isDriverError("RESOURCE_NOT_FOUND", false));
  await assert.rejects(driver.observe({ key: "a/b", type: "Test::Flaky" }), isDriverError("INVALID_KEY", false));
});
