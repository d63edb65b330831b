import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { HELLO_TEMPLATE, helloDeployMetadata } from "../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { instanceTestContext, type InstanceTestContext } from "../../../tests/conformance/alibaba-rpc/instance-context.ts";
import type { ServiceInstance } from "./service-instance.ts";

const R = "cn-hangzhou";
const code = (expected: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, expected, e.message);
  return true;
};

/** Version 2 adds a NoEcho parameter without a default. */
const V2_TEMPLATE = `${HELLO_TEMPLATE.replace("Parameters:\n", "Parameters:\n  ApiKey: {Type: String, NoEcho: true}\n")}`;

describe("InstanceService operations", () => {
  let t: InstanceTestContext;
  let supplier: Principal;
  let customer: Principal;
  let stranger: Principal;
  let serviceId: string;

  /** A Deployed instance of `service`. */
  async function deployed(service = serviceId, name?: string): Promise<ServiceInstance> {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId: service, name });
    return t.instances.completeOperation(instance.id, "Deploy", { succeeded: true, statusDetail: "deploy successfully" });
  }

  async function newVersion(service: string, deployMetadata: string, upgradeMetadata?: string, operationMetadata?: string): Promise<string> {
    await t.catalog.updateService(supplier, { serviceId: service, deployMetadata, upgradeMetadata, operationMetadata });
    const registration = await t.catalog.registerService(supplier, service);
    await t.catalog.launchService(supplier, service, registration.version);
    t.clock.advance(1000);
    return registration.version;
  }

  before(async () => {
    t = await instanceTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account();
    stranger = await t.account();
    serviceId = await t.publish(supplier, helloDeployMetadata());
  });
  after(() => t.close());

  test("the engine's reports move a deployment to Deployed once; repeats change nothing", async () => {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId });
    const progressed = await t.instances.recordProgress(instance.id, { progress: 42.4, statusDetail: "Creating Web." });
    assert.equal(progressed.progress, 42);
    const done = await t.instances.completeOperation(instance.id, "Deploy", {
      succeeded: true,
      statusDetail: "deploy successfully",
      outputs: { Url: { value: "http://127.0.0.1:4000", noEcho: false } },
      resources: [{ logicalId: "Web", type: "Nestbox::Local::Process", physicalId: "p-1", status: "Created" }],
    });
    assert.equal(done.status, "Deployed");
    assert.equal(done.progress, 100);
    assert.equal(done.currentOperation, undefined);
    assert.equal(done.activeWorkflowId, undefined);
    const again = await t.instances.completeOperation(instance.id, "Deploy", { succeeded: false, statusDetail: "late failure" });
    assert.equal(again.status, "Deployed");
    assert.equal((await t.instances.recordProgress(instance.id, { progress: 5, statusDetail: "stale" })).progress, 100);
    const events = await t.instances.listLogs(customer, instance.id, { order: "asc" });
    assert.deepEqual(events.items.map((e) => e.status), ["Created", "Deploying", "Deployed"]);
  });

  test("status operations follow the transition table", async () => {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId });
    await assert.rejects(t.instances.stop(customer, instance.id), code("INSTANCE_STATUS_INVALID"));
    await assert.rejects(t.instances.delete(customer, [instance.id]), code("INSTANCE_STATUS_INVALID"));
    await t.instances.completeOperation(instance.id, "Deploy", { succeeded: true, statusDetail: "ok" });

    const stopping = await t.instances.stop(customer, instance.id);
    assert.equal(stopping.status, "Stopping");
    assert.equal(t.runtime.submissions.at(-1)!.operation, "Stop");
    await assert.rejects(t.instances.start(customer, instance.id), code("INSTANCE_STATUS_INVALID"));
    assert.equal((await t.instances.completeOperation(instance.id, "Stop", { succeeded: true, statusDetail: "stopped" })).status, "Stopped");
    await assert.rejects(t.instances.restart(customer, instance.id), code("INSTANCE_STATUS_INVALID"));
    await t.instances.start(customer, instance.id);
    assert.equal((await t.instances.completeOperation(instance.id, "Start", { succeeded: false, statusDetail: "port taken" })).status, "StartFailed");
    await t.instances.start(customer, instance.id);
    assert.equal((await t.instances.completeOperation(instance.id, "Start", { succeeded: true, statusDetail: "started" })).status, "Deployed");
    const restarting = await t.instances.restart(customer, instance.id);
    assert.equal(restarting.status, "Restarting");
    // Each run of an operation gets its own idempotency key.
    const stops = t.runtime.submissions.filter((s) => s.instanceId === instance.id).map((s) => s.idempotencyKey);
    assert.equal(new Set(stops).size, stops.length);
    await assert.rejects(t.instances.stop(stranger, instance.id), code("SERVICE_INSTANCE_NOT_FOUND"));
  });

  test("Start, Stop and Restart must be declared when the service lists StatusOperationConfigs", async () => {
    const declared = await t.publish(supplier, helloDeployMetadata(), {
      operationMetadata: JSON.stringify({ StatusOperationConfigs: [{ TemplateName: "Default", SupportOperations: ["Stop", "Start"] }] }),
    });
    const instance = await deployed(declared);
    await assert.rejects(t.instances.restart(customer, instance.id), code("INSTANCE_OPERATION_NOT_SUPPORTED"));
    assert.equal((await t.instances.stop(customer, instance.id)).status, "Stopping");
  });

  test("upgrade goes to a newer accepting version, records history, and rollback returns", async () => {
    const service = await t.publish(supplier, helloDeployMetadata());
    const instance = await deployed(service);
    assert.deepEqual((await t.instances.get(customer, { serviceInstanceId: instance.id })).upgradableVersions, []);
    await assert.rejects(t.instances.upgrade(customer, { serviceInstanceId: instance.id }), code("SERVICE_VERSION_NOT_UPGRADABLE"));

    const v2 = await newVersion(service, helloDeployMetadata(V2_TEMPLATE), JSON.stringify({ SupportUpgradeFromVersions: [1], SupportRollback: true }));
    const v3 = await newVersion(service, helloDeployMetadata(V2_TEMPLATE), JSON.stringify({ SupportUpgradeFromVersions: [2] }));
    const view = await t.instances.get(customer, { serviceInstanceId: instance.id });
    assert.deepEqual(view.upgradableVersions!.map((v) => v.version), [v2]);
    await assert.rejects(t.instances.upgrade(customer, { serviceInstanceId: instance.id, serviceVersion: v3 }), code("SERVICE_VERSION_NOT_UPGRADABLE"));
    await assert.rejects(t.instances.upgrade(customer, { serviceInstanceId: instance.id, serviceVersion: "99" }), code("SERVICE_VERSION_NOT_UPGRADABLE"));

    const dry = await t.instances.upgrade(customer, { serviceInstanceId: instance.id, dryRun: true });
    assert.deepEqual(dry.upgradeRequiredParameters, ["ApiKey"]);
    await assert.rejects(t.instances.upgrade(customer, { serviceInstanceId: instance.id, serviceVersion: v2 }), code("TEMPLATE_PARAMETER_INVALID"));
    await assert.rejects(
      t.instances.upgrade(customer, { serviceInstanceId: instance.id, parameters: { ApiKey: "k", RegionId: "cn-beijing" } }),
      code("INVALID_ARGUMENT"),
    );

    const upgrading = await t.instances.upgrade(customer, { serviceInstanceId: instance.id, parameters: { ApiKey: "secret" } });
    assert.equal(upgrading.instance!.status, "Upgrading");
    const submitted = t.runtime.submissions.at(-1)!;
    assert.equal(submitted.operation, "Upgrade");
    assert.equal(submitted.args!["targetVersion"], v2);
    let history = await t.instances.listUpgradeHistory(customer, instance.id, {});
    assert.deepEqual(history.items.map((h) => [h.type, h.status, h.fromVersion, h.toVersion]), [["Upgrade", "upgrading", "1", v2]]);

    const upgraded = await t.instances.completeOperation(instance.id, "Upgrade", { succeeded: true, statusDetail: "upgraded" });
    assert.equal(upgraded.status, "Deployed");
    assert.equal(upgraded.serviceVersion, v2);
    assert.equal(upgraded.parameters["ApiKey"], "secret");
    assert.deepEqual(upgraded.noEchoParameters, ["ApiKey"]);
    history = await t.instances.listUpgradeHistory(customer, instance.id, {});
    assert.equal(history.items[0]!.status, "UpgradeSuccessful");
    assert.ok(history.items[0]!.endTime);

    const rolling = await t.instances.rollback(customer, instance.id);
    assert.equal(rolling.status, "UpgradeRollbacking");
    assert.equal(t.runtime.submissions.at(-1)!.args!["targetVersion"], "1");
    const back = await t.instances.completeOperation(instance.id, "Rollback", { succeeded: true, statusDetail: "rolled back" });
    assert.equal(back.serviceVersion, "1");
    await assert.rejects(t.instances.rollback(customer, instance.id), code("INSTANCE_ROLLBACK_UNAVAILABLE"));
    history = await t.instances.listUpgradeHistory(customer, instance.id, { maxResults: 1 });
    assert.equal(history.items[0]!.type, "Rollback");
    assert.equal(history.totalCount, 2);
    assert.notEqual(history.nextToken, "");
  });

  test("a failed upgrade leaves the instance Deployed on its version with a failed history entry", async () => {
    const service = await t.publish(supplier, helloDeployMetadata());
    const instance = await deployed(service);
    const v2 = await newVersion(service, helloDeployMetadata());
    await t.instances.upgrade(customer, { serviceInstanceId: instance.id, serviceVersion: v2 });
    const failed = await t.instances.completeOperation(instance.id, "Upgrade", { succeeded: false, statusDetail: "Web did not become ready" });
    assert.equal(failed.status, "Deployed");
    assert.equal(failed.serviceVersion, "1");
    assert.equal(failed.statusDetail, "Web did not become ready");
    const history = await t.instances.listUpgradeHistory(customer, instance.id, {});
    assert.equal(history.items[0]!.status, "UpgradeFailed");
    await assert.rejects(t.instances.rollback(customer, instance.id), code("INSTANCE_ROLLBACK_UNAVAILABLE"));
  });

  test("continue-deploy retries a failed deployment with changed parameters", async () => {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId });
    await assert.rejects(t.instances.continueDeploy(customer, { serviceInstanceId: instance.id }), code("INSTANCE_STATUS_INVALID"));
    await t.instances.completeOperation(instance.id, "Deploy", { succeeded: false, statusDetail: "Web failed" });
    const dry = await t.instances.continueDeploy(customer, { serviceInstanceId: instance.id, dryRun: true, parameters: { Replicas: 1 } });
    assert.deepEqual(dry.dryRunResult!.parametersAllowedToBeModified, ["Replicas", "Greeting"]);
    assert.deepEqual(dry.dryRunResult!.parametersNotAllowedToBeModified, ["RegionId"]);
    assert.equal(dry.instance.status, "DeployedFailed");
    await assert.rejects(
      t.instances.continueDeploy(customer, { serviceInstanceId: instance.id, parameters: { RegionId: "cn-beijing" } }),
      code("INVALID_ARGUMENT"),
    );
    const again = await t.instances.continueDeploy(customer, { serviceInstanceId: instance.id, parameters: { Replicas: 1 }, options: ["x"] });
    assert.equal(again.instance.status, "Deploying");
    assert.equal(again.instance.parameters["Replicas"], 1);
    assert.equal(t.runtime.submissions.at(-1)!.operation, "ContinueDeploy");
  });

  test("delete checks every id first, then deletes; deleted instances vanish for the user only", async () => {
    const a = await deployed(serviceId, "del-a");
    const b = await deployed(serviceId, "del-b");
    const { instance: busy } = await t.instances.create(customer, { regionId: R, serviceId, name: "del-busy" });
    await assert.rejects(t.instances.delete(customer, [a.id, busy.id]), code("INSTANCE_STATUS_INVALID"));
    assert.equal((await t.stores.instances.get(a.id))!.status, "Deployed", "nothing started when one id is refused");
    await assert.rejects(t.instances.delete(customer, []), code("INVALID_ARGUMENT"));
    const deleting = await t.instances.delete(customer, [a.id, b.id]);
    assert.deepEqual(deleting.map((i) => i.status), ["Deleting", "Deleting"]);
    const submitted = t.runtime.submissions.length;
    assert.deepEqual((await t.instances.delete(customer, [a.id])).map((i) => i.status), ["Deleting"], "a retried delete succeeds");
    assert.equal(t.runtime.submissions.length, submitted, "without a second deletion");
    await t.instances.completeOperation(a.id, "Delete", { succeeded: true, statusDetail: "deleted" });
    await t.instances.completeOperation(b.id, "Delete", { succeeded: false, statusDetail: "stuck" });
    await assert.rejects(t.instances.get(customer, { serviceInstanceId: a.id }), code("SERVICE_INSTANCE_NOT_FOUND"));
    assert.equal((await t.instances.get(customer, { serviceInstanceId: b.id })).instance.status, "DeletedFailed");
    assert.equal((await t.instances.getForSupplier(supplier, a.id)).instance.status, "Deleted");
    const mine = await t.instances.list(customer, { names: ["del-a", "del-b"] });
    assert.deepEqual(mine.items.map((i) => i.instance.id), [b.id]);
    const supplierView = await t.instances.listForSupplier(supplier, { names: ["del-a", "del-b"], showDeleted: true });
    assert.equal(supplierView.totalCount, 2);
  });

  test("attributes: managed O&M needs a service that supports it; granted permissions are kept", async () => {
    const instance = await deployed();
    await assert.rejects(t.instances.updateAttributes(customer, { serviceInstanceId: instance.id, enableOperation: true }), code("INSTANCE_OPERATION_NOT_SUPPORTED"));
    const end = new Date("2027-01-01T00:00:00Z");
    const granted = await t.instances.updateAttributes(customer, { serviceInstanceId: instance.id, grantedPermission: { policyNames: "AliyunECSReadOnlyAccess", operationEndTime: end } });
    assert.deepEqual(granted.grantedPermission, { policyNames: "AliyunECSReadOnlyAccess", operationEndTime: end });
    const operated = await t.publish(supplier, helloDeployMetadata(), { isSupportOperated: true, duration: 3600 });
    const other = await deployed(operated);
    const on = await t.instances.updateAttributes(customer, { serviceInstanceId: other.id, enableOperation: true });
    assert.equal(on.operationEndTime!.getTime() - on.operationStartTime!.getTime(), 3_600_000);
    t.clock.advance(1000);
    const off = await t.instances.updateAttributes(customer, { serviceInstanceId: other.id, enableOperation: false });
    assert.equal(off.operationEndTime!.getTime(), t.clock.now().getTime());
  });
});
