// Managed O&M through the official client (@alicloud/pop-core) against a real `nestbox serve`: a
// supplier operates a customer's instance only inside the window the customer granted with
// UpdateServiceInstanceAttributes; after it ends, or once the customer turns it off, the same
// calls get Forbidden.ManagedOperation (403); an unrelated account never sees the instance.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { NativeClient } from "../../../src/cli/native-client.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");

const AK = "LTAIsupplieraccess0000000";
const SECRET = "supplieraccesssecret00000000000";
const TEMPLATE = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Password:\n    Type: Nestbox::Random::String\n    Properties: {Length: 12}\n";
const REGION = "cn-hangzhou";

interface Key {
  accessKeyId: string;
  accessKeySecret: string;
}

/** A pop-core error is the vendor's answer: Code in the body, HTTP status on the recorded exchange. */
const refusedWith = (code: string, status: number) => (e: any) => {
  assert.equal(e.code, code, e.message);
  assert.equal(e.entry?.response?.statusCode, status);
  return true;
};

describe("a supplier operates a customer's instance only inside the granted window (pop-core)", () => {
  let s: TestServer;
  let dataDir: string;
  let supplier: Key;
  let customer: Key;
  let stranger: Key;
  let serviceId: string;

  const pop = (key: Key, version: string) =>
    new RPCClient({ endpoint: `http://127.0.0.1:${s.server.port}`, apiVersion: version, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret });
  const nest = (key: Key, action: string, params: Record<string, unknown>) =>
    pop(key, "2021-06-01").request(action, { RegionId: REGION, ...params }, { method: "POST" });
  const get = (key: Key, id: string) => nest(key, "GetServiceInstance", { ServiceInstanceId: id });

  async function waitForStatus(key: Key, id: string, wanted: string): Promise<Record<string, any>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const got = await get(key, id);
      if (got.Status === wanted) return got;
      assert.ok(!/Failed$/.test(got.Status), `${got.Status}: ${got.StatusDetail}`);
      assert.ok(Date.now() < deadline, `still ${got.Status}, waiting for ${wanted}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function accountKey(native: NativeClient, name: string): Promise<Key> {
    const account = await native.createAccount(name);
    const key = await native.createAccessKey(account.accountId);
    return { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  }

  /** A customer's deployed instance of the supplier's service. */
  async function deployed(name: string): Promise<string> {
    const made = await nest(customer, "CreateServiceInstance", { ServiceId: serviceId, Name: name });
    await waitForStatus(customer, made.ServiceInstanceId, "Deployed");
    return made.ServiceInstanceId;
  }

  const grant = (id: string, policyNames: string, end: Date, enable = true) =>
    nest(customer, "UpdateServiceInstanceAttributes", {
      ServiceInstanceId: id,
      EnableOperation: enable,
      "GrantedPermission.PolicyNames": policyNames,
      "GrantedPermission.OperationEndTime": end.toISOString().replace(/\.\d{3}Z$/, "Z"),
    });

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
    const native = new NativeClient(await operatorCredentials(s.server));
    supplier = await accountKey(native, "supplier");
    customer = await accountKey(native, "customer");
    stranger = await accountKey(native, "stranger");

    const publish = (action: string, params: Record<string, unknown>) => pop(supplier, "2021-05-21").request(action, { RegionId: REGION, ...params }, { method: "POST" });
    const created = await publish("CreateService", {
      DeployType: "ros",
      ShareType: "Public",
      IsSupportOperated: true,
      Duration: 7200,
      "ServiceInfo.1.Locale": "en-US",
      "ServiceInfo.1.Name": "Operated secrets",
      "ServiceInfo.1.ShortDescription": "A random string the supplier may operate",
      DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
    });
    serviceId = created.ServiceId;
    await publish("RegisterService", { ServiceId: serviceId });
    await publish("LaunchService", { ServiceId: serviceId, ServiceVersion: "1" });
  });
  after(async () => {
    await s?.server.close();
    removeDir(dataDir);
  });

  test("inside the window the supplier reads, stops and starts the customer's instance", async () => {
    const id = await deployed("operated");
    await assert.rejects(get(supplier, id), refusedWith("Forbidden.ManagedOperation", 403), "no managed O&M yet");

    await grant(id, "AliyunComputeNestFullAccess", new Date(Date.now() + 3_600_000));
    const seen = await get(supplier, id);
    assert.equal(seen.ServiceInstanceId, id);
    assert.equal(seen.EnableInstanceOps, true);
    assert.equal(seen.GrantedPermission.PolicyNames, "AliyunComputeNestFullAccess");

    await nest(supplier, "StopServiceInstance", { ServiceInstanceId: id });
    await waitForStatus(supplier, id, "Stopped");
    await nest(supplier, "StartServiceInstance", { ServiceInstanceId: id });
    await waitForStatus(customer, id, "Deployed");

    await assert.rejects(get(stranger, id), refusedWith("ServiceInstanceNotFound", 404));
    await assert.rejects(nest(stranger, "StopServiceInstance", { ServiceInstanceId: id }), refusedWith("ServiceInstanceNotFound", 404));
  });

  test("a window that has already ended refuses the same calls", async () => {
    const id = await deployed("ended");
    await grant(id, "AliyunComputeNestFullAccess", new Date(Date.now() + 3_600_000));
    assert.equal((await get(supplier, id)).ServiceInstanceId, id);

    await grant(id, "AliyunComputeNestFullAccess", new Date(Date.now() - 60_000));
    await assert.rejects(get(supplier, id), refusedWith("Forbidden.ManagedOperation", 403));
    await assert.rejects(nest(supplier, "StopServiceInstance", { ServiceInstanceId: id }), refusedWith("Forbidden.ManagedOperation", 403));
    await assert.rejects(nest(supplier, "StartServiceInstance", { ServiceInstanceId: id }), refusedWith("Forbidden.ManagedOperation", 403));
    assert.equal((await get(customer, id)).Status, "Deployed", "the refused stop changed nothing");
    await assert.rejects(get(stranger, id), refusedWith("ServiceInstanceNotFound", 404));
  });

  test("EnableOperation false ends the supplier's access", async () => {
    const id = await deployed("disabled");
    await grant(id, "AliyunComputeNestFullAccess", new Date(Date.now() + 3_600_000));
    await nest(supplier, "StopServiceInstance", { ServiceInstanceId: id });
    await waitForStatus(customer, id, "Stopped");

    await nest(customer, "UpdateServiceInstanceAttributes", { ServiceInstanceId: id, EnableOperation: false });
    assert.equal((await get(customer, id)).EnableInstanceOps, false);
    await assert.rejects(get(supplier, id), refusedWith("Forbidden.ManagedOperation", 403));
    await assert.rejects(nest(supplier, "StartServiceInstance", { ServiceInstanceId: id }), refusedWith("Forbidden.ManagedOperation", 403));
    assert.equal((await get(customer, id)).Status, "Stopped");
    // The customer is still in charge of its own instance.
    await nest(customer, "StartServiceInstance", { ServiceInstanceId: id });
    await waitForStatus(customer, id, "Deployed");
  });
});
