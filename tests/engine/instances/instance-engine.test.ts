import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeDriver } from "../../../src/engine/drivers/fake-driver.ts";
import { terminalError } from "../../../src/engine/drivers/driver-error.ts";
import { openLocalDriver } from "../../../src/engine/drivers/local-driver.ts";
import type { Driver } from "../../../src/engine/drivers/driver.ts";
import { AesGcmCipher } from "../../../src/storage/crypto/aes-gcm-cipher.ts";
import { engineContext, type EngineContext } from "./engine-context.ts";
import { helloDeployMetadata } from "../../conformance/alibaba-rpc/catalog-context.ts";

const HELLO = readFileSync(new URL("../../../examples/hello-web/template.yaml", import.meta.url), "utf8");
const KV = readFileSync(new URL("../../../examples/stateful-kv/template.yaml", import.meta.url), "utf8");
const TWO_LAYERS = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Replicas: {Type: Number, Default: 1}
  Secret: {Type: String, NoEcho: true, Default: hush}
Resources:
  Pass: {Type: Nestbox::Random::String, Properties: {Length: 12}}
  Data: {Type: Nestbox::Local::Directory}
  Web:
    Type: Nestbox::Local::Process
    Properties:
      Command: node
      Args: ['-e', "require('http').createServer((q, s) => s.end('ok')).listen(process.env.PORT)"]
      Replicas: {Ref: Replicas}
      Env: {DATA: {'Fn::GetAtt': [Data, Path]}, PASS: {'Fn::GetAtt': [Pass, Value]}}
Outputs:
  Url: {Value: {'Fn::GetAtt': [Web, Url]}}
  Password: {Value: {'Fn::GetAtt': [Pass, Value]}}
  Echo: {Value: {Ref: Secret}}
`;

describe("instance engine over the fake driver", () => {
  let t: EngineContext;
  const driver = new FakeDriver();
  before(async () => {
    t = await engineContext(driver);
  });
  after(() => t.shutdown());

  test("deploy applies the stack layer by layer, records resources and outputs, then stop/start/delete", async () => {
    const serviceId = await t.publish(TWO_LAYERS);
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId });
    const done = await t.settle(instance!.id);
    assert.equal(done.status, "Deployed", done.statusDetail);
    assert.equal(done.progress, 100);
    assert.deepEqual(done.resources.map((r) => r.logicalId), ["Data", "Pass", "Web"]);
    assert.match(String(done.outputs.Url!.value), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(done.outputs.Password!.noEcho, true, "a random string's value is secret");
    assert.equal(done.outputs.Echo!.noEcho, true, "an output of a NoEcho parameter is secret");
    const applies = driver.calls.filter((c: { method: string }) => c.method === "apply").map((c: any) => c.key.split(".")[1]);
    assert.deepEqual(applies.slice(-1), ["Web"], "Web waits for the layer it depends on");

    await t.service.stop(t.customer, instance!.id);
    assert.equal((await t.settle(instance!.id)).status, "Stopped");
    await t.service.start(t.customer, instance!.id);
    assert.equal((await t.settle(instance!.id)).status, "Deployed");
    await t.service.delete(t.customer, [instance!.id]);
    const deleted = await t.settle(instance!.id);
    assert.equal(deleted.status, "Deleted");
    assert.deepEqual(driver.keys().filter((k: string) => k.startsWith(instance!.id)), []);
  });

  test("a resource that cannot be made leaves DeployedFailed with the reason and cleans up", async () => {
    const serviceId = await t.publish(TWO_LAYERS);
    driver.failNext({ method: "apply", type: "Nestbox::Local::Process", error: terminalError("START_FAILED", "replica exited with code 1 before it was ready") });
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId });
    const failed = await t.settle(instance!.id);
    assert.equal(failed.status, "DeployedFailed");
    assert.match(failed.statusDetail, /exited with code 1/);
    assert.deepEqual(driver.keys().filter((k: string) => k.startsWith(instance!.id)), [], "what the deploy made is removed");
  });

  test("with DisableRollback a failed deploy keeps what it made, and ContinueDeploy finishes it", async () => {
    const serviceId = await t.publish(TWO_LAYERS, { disableRollback: true });
    driver.failNext({ method: "apply", type: "Nestbox::Local::Process", error: terminalError("START_FAILED", "replica exited with code 1 before it was ready") });
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId });
    const failed = await t.settle(instance!.id);
    assert.equal(failed.status, "DeployedFailed");
    const kept = driver.keys().filter((k: string) => k.startsWith(instance!.id)).sort();
    assert.deepEqual(kept, [`${instance!.id}.Data`, `${instance!.id}.Pass`], "the first layer is kept");
    await t.service.continueDeploy(t.customer, { serviceInstanceId: instance!.id });
    const done = await t.settle(instance!.id);
    assert.equal(done.status, "Deployed", done.statusDetail);
    assert.deepEqual(driver.keys().filter((k: string) => k.startsWith(instance!.id)).sort(), [...kept, `${instance!.id}.Web`].sort());
  });
});

describe("instance engine over the local driver (real processes)", () => {
  let t: EngineContext;
  let driver: Driver;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "nestbox-engine-"));
    driver = await openLocalDriver({ dataDir, cipher: new AesGcmCipher(Buffer.alloc(32, 7)) });
    t = await engineContext(driver);
  });
  after(async () => {
    await t.shutdown();
    await driver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("the hello-web template deploys two replicas that answer hello; delete leaves nothing behind", async () => {
    const serviceId = await t.publish(HELLO);
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId });
    const done = await t.settle(instance!.id, 60_000);
    assert.equal(done.status, "Deployed", done.statusDetail);
    const observed = await driver.observe({ key: `${instance!.id}.Web`, type: "Nestbox::Local::Process" });
    assert.equal(observed!.replicas.length, 2);
    const ports = observed!.replicas.map((r) => r.port);
    assert.equal(new Set(ports).size, 2);
    for (const port of ports) assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), "hello");
    assert.equal(await (await fetch(String(done.outputs.Url!.value))).text(), "hello");
    const pids = observed!.replicas.map((r) => r.pid!);

    await t.service.delete(t.customer, [instance!.id]);
    assert.equal((await t.settle(instance!.id, 60_000)).status, "Deleted");
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), "replica process is gone");
    assert.equal(existsSync(join(dataDir, "runtime", `${instance!.id}.Web`)), false);
  });

  test("the stateful-kv example keeps data in its directory behind a generated password; delete removes both", async () => {
    const serviceId = await t.publish(KV.replace("Parameters:\n", "Parameters:\n  Replicas: {Type: Number, Default: 1}\n"));
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId, parameters: { Replicas: 1 } });
    const done = await t.settle(instance!.id, 60_000);
    assert.equal(done.status, "Deployed", done.statusDetail);
    const url = String(done.outputs.Url!.value);
    const password = String(done.outputs.AdminPassword!.value);
    const dataPath = String(done.outputs.DataPath!.value);
    assert.equal(done.outputs.AdminPassword!.noEcho, true);
    assert.equal(password.length, 20);
    assert.equal((await fetch(`${url}/greeting`, { method: "PUT", body: "hi" })).status, 401, "the password is required");
    const auth = { authorization: `Bearer ${password}` };
    assert.equal(await (await fetch(`${url}/greeting`, { method: "PUT", body: "hi", headers: auth })).text(), "stored");
    assert.equal(await (await fetch(`${url}/greeting`, { headers: auth })).text(), "hi");
    assert.equal(readFileSync(join(dataPath, "greeting"), "utf8"), "hi", "the data lives in the instance's directory");
    await t.service.delete(t.customer, [instance!.id]);
    assert.equal((await t.settle(instance!.id, 60_000)).status, "Deleted");
    assert.equal(existsSync(dataPath), false, "the data directory goes with the instance");
  });

  test("upgrading a 3-replica web app replaces replicas one by one: at least 2 answer throughout", async () => {
    const v1 = HELLO;
    const v2 = HELLO.replace("Env: {GREETING: {Ref: Greeting}}", "Env: {GREETING: {Ref: Greeting}, RELEASE: '2'}");
    const serviceId = await t.publish(v1);
    const { instance } = await t.service.create(t.customer, { regionId: "cn-hangzhou", serviceId, parameters: { Replicas: 3 } });
    assert.equal((await t.settle(instance!.id, 60_000)).status, "Deployed");
    await t.catalog.updateService(t.supplier, { serviceId, deployMetadata: helloDeployMetadata(v2) });
    await t.catalog.registerService(t.supplier, serviceId);
    await t.catalog.launchService(t.supplier, serviceId, "2");
    t.clock.advance(1000);

    const ref = { key: `${instance!.id}.Web`, type: "Nestbox::Local::Process" };
    const before = (await driver.observe(ref))!.replicas.map((r) => r.pid);
    await t.service.upgrade(t.customer, { serviceInstanceId: instance!.id, serviceVersion: "2" });
    let samples = 0;
    let fewest = Infinity;
    for (;;) {
      const now = await t.store.db.selectFrom("instances").select(["status"]).where("id", "=", instance!.id).executeTakeFirst();
      const seen = await driver.observe(ref);
      const answers = await Promise.all(
        (seen?.replicas ?? []).map((r) =>
          fetch(`http://127.0.0.1:${r.port}/`, { signal: AbortSignal.timeout(1000) }).then((x) => x.ok, () => false),
        ),
      );
      fewest = Math.min(fewest, answers.filter(Boolean).length);
      samples++;
      if (now?.status !== "Upgrading") break;
      await new Promise((r) => setTimeout(r, 15));
    }
    const done = await t.settle(instance!.id, 60_000);
    assert.equal(done.status, "Deployed", done.statusDetail);
    assert.equal(done.serviceVersion, "2");
    assert.ok(samples > 3, `sampled ${samples} times during the upgrade`);
    assert.ok(fewest >= 2, `only ${fewest} replicas answered at one point`);
    const after = (await driver.observe(ref))!.replicas;
    assert.equal(after.length, 3);
    assert.ok(after.every((r) => !before.includes(r.pid)), "every replica was replaced");
    await t.service.delete(t.customer, [instance!.id]);
    await t.settle(instance!.id, 60_000);
  });
});
