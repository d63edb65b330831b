// The Driver contract (src/engine/drivers/driver.ts), run once per driver: DRIVERS=fake,local.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Driver, ResourceRef } from "../../../src/engine/drivers/driver.ts";
import { LOCAL_DIRECTORY_TYPE, LOCAL_PROCESS_TYPE, RANDOM_STRING_TYPE } from "../../../src/engine/drivers/local-driver.ts";
import { driversUnderTest, HTTP_SERVER, openTestDriver, rejectsWithDriverError, uniqueKey, type TestDriver } from "./driver-harness.ts";

const server = (over: Record<string, unknown> = {}) => ({
  Command: process.execPath,
  Args: [HTTP_SERVER],
  ReadinessCheck: { Http: "/healthz" },
  StopTimeout: 2,
  ...over,
});

for (const name of driversUnderTest()) {
  describe(`Driver contract: ${name}`, { timeout: 120_000 }, () => {
    let t: TestDriver;
    let driver: Driver;
    const processRef = (logical: string): ResourceRef => ({ key: uniqueKey(logical), type: LOCAL_PROCESS_TYPE });

    before(async () => {
      t = await openTestDriver(name);
      driver = t.driver;
    });
    after(async () => {
      await t?.cleanup();
    });

    test("apply creates a process resource whose replicas are ready and whose attributes name their ports", async () => {
      const ref = processRef("Web");
      const applied = await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      const ports = applied.attributes["Ports"] as number[];
      assert.equal(ports.length, 2);
      assert.notEqual(ports[0], ports[1]);
      assert.deepEqual(applied.attributes["Addresses"], ports.map((p) => `127.0.0.1:${p}`));
      assert.equal(applied.attributes["Url"], `http://127.0.0.1:${ports[0]}`);
      assert.equal(applied.attributes["Replicas"], 2);
      assert.deepEqual(applied.secretAttributes, []);
      const observed = await driver.observe(ref);
      assert.ok(observed);
      assert.equal(observed.ready, true);
      assert.equal(observed.desiredState, "Running");
      assert.equal(observed.physicalId, applied.physicalId);
      assert.deepEqual(observed.replicas.map((r) => [r.index, r.status, r.ready, r.restartCount, r.port]), [
        [0, "Running", true, 0, ports[0]],
        [1, "Running", true, 0, ports[1]],
      ]);
      assert.ok(observed.replicas.every((r) => r.specHash === observed.specHash));
    });

    test("applying the same key and properties again adopts what exists without restarting it", async () => {
      const ref = processRef("Web");
      const first = await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      const pids = (await driver.observe(ref))!.replicas.map((r) => r.pid);
      const second = await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      assert.deepEqual(second, first);
      assert.deepEqual((await driver.observe(ref))!.replicas.map((r) => r.pid), pids);
    });

    test("applying changed properties replaces every replica with one running the new properties", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server({ Replicas: 2, Env: { GREETING: "hello" } }) });
      const before = (await driver.observe(ref))!;
      await driver.apply({ ...ref, properties: server({ Replicas: 2, Env: { GREETING: "bonjour" } }) });
      const after = (await driver.observe(ref))!;
      assert.notEqual(after.specHash, before.specHash);
      assert.equal(after.ready, true);
      assert.equal(after.replicas.length, 2);
      for (const r of after.replicas) {
        assert.equal(r.specHash, after.specHash);
        assert.ok(!before.replicas.some((b) => b.pid === r.pid), "every replica was replaced");
      }
    });

    test("scaling up and down changes the number of replicas", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server({ Replicas: 1 }) });
      const up = await driver.apply({ ...ref, properties: server({ Replicas: 3 }) });
      assert.equal(up.attributes["Replicas"], 3);
      assert.equal((await driver.observe(ref))!.replicas.filter((r) => r.ready).length, 3);
      const down = await driver.apply({ ...ref, properties: server({ Replicas: 1 }) });
      assert.equal(down.attributes["Replicas"], 1);
      assert.deepEqual((await driver.observe(ref))!.replicas.map((r) => r.index), [0]);
    });

    test("stop keeps replicas stopped, start brings them back, both are idempotent", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      await driver.stop(ref);
      await driver.stop(ref);
      let observed = (await driver.observe(ref))!;
      assert.equal(observed.desiredState, "Stopped");
      assert.equal(observed.ready, false);
      assert.deepEqual(observed.replicas.map((r) => [r.status, r.ready, r.pid]), [
        ["Stopped", false, undefined],
        ["Stopped", false, undefined],
      ]);
      assert.equal(observed.replicas[0]!.lastState?.reason, "Stopped");
      await driver.start(ref);
      await driver.start(ref);
      observed = (await driver.observe(ref))!;
      assert.equal(observed.desiredState, "Running");
      assert.equal(observed.ready, true);
      assert.ok(observed.replicas.every((r) => r.status === "Running" && r.pid !== undefined));
    });

    test("restart replaces every replica's process and leaves the resource ready", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      const before = (await driver.observe(ref))!.replicas;
      await driver.restart(ref);
      const after = (await driver.observe(ref))!;
      assert.equal(after.ready, true);
      after.replicas.forEach((r, i) => {
        assert.notEqual(r.pid, before[i]!.pid);
        assert.equal(r.port, before[i]!.port, "a restarted replica keeps its port");
      });
    });

    test("a soft replica restart counts as a restart, a hard one starts the count over", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server({ Replicas: 2 }) });
      await driver.restartReplica(ref, 1, { soft: true });
      let replica = (await driver.observe(ref))!.replicas[1]!;
      assert.equal(replica.restartCount, 1);
      assert.ok(replica.lastState);
      await driver.restartReplica(ref, 1, { soft: false });
      replica = (await driver.observe(ref))!.replicas[1]!;
      assert.equal(replica.restartCount, 0);
      assert.equal(replica.lastState, undefined);
      assert.equal((await driver.observe(ref))!.replicas[0]!.restartCount, 0, "other replicas are untouched");
      await rejectsWithDriverError(driver.restartReplica(ref, 5, { soft: true }), "REPLICA_NOT_FOUND", false);
    });

    test("destroy removes the resource, and destroying what does not exist is fine", async () => {
      const ref = processRef("Web");
      await driver.apply({ ...ref, properties: server() });
      await driver.destroy(ref);
      assert.equal(await driver.observe(ref), undefined);
      await driver.destroy(ref);
      await driver.destroy({ key: uniqueKey("Never"), type: LOCAL_PROCESS_TYPE });
      await rejectsWithDriverError(driver.stop(ref), "RESOURCE_NOT_FOUND", false);
      await rejectsWithDriverError(driver.start(ref), "RESOURCE_NOT_FOUND", false);
      await rejectsWithDriverError(driver.logs(ref), "RESOURCE_NOT_FOUND", false);
    });

    test("invalid properties, keys and types are terminal errors and make nothing", async () => {
      const ref = processRef("Bad");
      await rejectsWithDriverError(driver.apply({ ...ref, properties: server({ Replicas: "many" }) }), "INVALID_PROPERTIES", false, /Replicas/);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: server({ Replica: 2 }) }), "INVALID_PROPERTIES", false, /Replica/);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: { Args: ["x"] } }), "INVALID_PROPERTIES", false, /Command/);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: server({ Env: { PORT: "80" } }) }), "INVALID_PROPERTIES", false, /PORT/);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: server({ ReadinessCheck: { Http: "healthz" } }) }), "INVALID_PROPERTIES", false);
      assert.equal(await driver.observe(ref), undefined);
      await rejectsWithDriverError(driver.apply({ key: "../escape", type: LOCAL_PROCESS_TYPE, properties: server() }), "INVALID_KEY", false);
      await rejectsWithDriverError(driver.apply({ key: uniqueKey("X"), type: "ALIYUN::ECS::Instance", properties: {} }), "UNSUPPORTED_RESOURCE_TYPE", false);
    });

    test("a random string keeps its value across applies and is marked secret", async () => {
      const ref = { key: uniqueKey("Password"), type: RANDOM_STRING_TYPE };
      const first = await driver.apply({ ...ref, properties: { Length: 24 } });
      const value = first.attributes["Value"] as string;
      assert.match(value, /^[A-Za-z0-9]{24}$/);
      assert.deepEqual(first.secretAttributes, ["Value"]);
      assert.equal((await driver.apply({ ...ref, properties: { Length: 24 } })).attributes["Value"], value);
      assert.equal((await driver.observe(ref))!.attributes["Value"], value);
      const hex = await driver.apply({ ...ref, properties: { Length: "8", Charset: "Hex" } });
      assert.match(hex.attributes["Value"] as string, /^[0-9a-f]{8}$/);
      await driver.stop(ref); // runs nothing: accepted, changes nothing
      assert.deepEqual(await driver.logs(ref), []);
      await driver.destroy(ref);
      assert.equal(await driver.observe(ref), undefined);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: { Length: 0 } }), "INVALID_PROPERTIES", false, /Length/);
      await rejectsWithDriverError(driver.apply({ ...ref, properties: { Charset: "Emoji" } }), "INVALID_PROPERTIES", false, /Charset/);
    });

    test("a directory resource reports its path and is gone after destroy", async () => {
      const ref = { key: uniqueKey("Data"), type: LOCAL_DIRECTORY_TYPE };
      const applied = await driver.apply({ ...ref, properties: {} });
      assert.equal(typeof applied.attributes["Path"], "string");
      assert.deepEqual(await driver.apply({ ...ref, properties: {} }), applied);
      assert.equal((await driver.observe(ref))!.ready, true);
      await rejectsWithDriverError(driver.restartReplica(ref, 0, { soft: true }), "REPLICA_NOT_FOUND", false);
      await driver.destroy(ref);
      assert.equal(await driver.observe(ref), undefined);
    });
  });
}
