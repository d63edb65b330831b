import { test } from "node:test";
import assert from "node:assert/strict";
import { DRIVER_ERROR_CODES, DriverError, terminalError } from "./driver-error.ts";
import { FakeDriver } from "./fake-driver.ts";

const web = { key: "si-1.Web", type: "Nestbox::Local::Process", properties: { Command: "node", Replicas: 2 } };

test("injected failures hit the matching calls only, as many times as asked", async () => {
  const fake = new FakeDriver();
  fake.failNext({ method: "apply", key: "si-1.Web", times: 2 });
  for (let i = 0; i < 2; i++) {
    await assert.rejects(fake.apply(web), (e: unknown) => e instanceof DriverError && e.retryable && e.code === "IO_ERROR");
  }
  assert.deepEqual(fake.keys(), [], "a failure before the work makes nothing");
  await fake.apply({ ...web, key: "si-2.Web" }); // other key: unaffected
  await fake.apply(web);
  assert.deepEqual(fake.keys().sort(), ["si-1.Web", "si-2.Web"]);
  assert.deepEqual(
    fake.calls.map((c) => `${c.method} ${c.key}`),
    ["apply si-1.Web", "apply si-1.Web", "apply si-2.Web", "apply si-1.Web"],
  );
});

test("a failure after the work leaves the resource made, like a lost answer", async () => {
  const fake = new FakeDriver();
  fake.failNext({ method: "apply", when: "after", error: terminalError(DRIVER_ERROR_CODES.NOT_READY, "injected") });
  await assert.rejects(fake.apply(web), (e: unknown) => e instanceof DriverError && !e.retryable && e.code === "NOT_READY");
  assert.equal((await fake.observe(web))?.replicas.length, 2);
  const again = await fake.apply(web);
  assert.equal(again.attributes["Replicas"], 2);
});

test("simulated crashes and readiness show in observe", async () => {
  const fake = new FakeDriver();
  await fake.apply(web);
  fake.crashReplica("si-1.Web", 1, 137);
  fake.setReplicaReady("si-1.Web", 0, false);
  const observed = (await fake.observe(web))!;
  assert.equal(observed.ready, false);
  assert.deepEqual(observed.replicas.map((r) => [r.ready, r.restartCount, r.lastState?.exitCode]), [
    [false, 0, undefined],
    [true, 1, 137],
  ]);
  fake.appendLog("si-1.Web", 1, "hello");
  assert.deepEqual((await fake.logs(web, { replicaIndex: 1 })).map((l) => l.text), ["hello"]);
});
