import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../../../core/accounts/account.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { HELLO_TEMPLATE, helloDeployMetadata } from "../../../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { instanceTestContext, type InstanceTestContext } from "../../../../../tests/conformance/alibaba-rpc/instance-context.ts";
import { assertMatchesModel, loadModel } from "../../../../../tests/conformance/alibaba-rpc/model-shape.ts";
import { ParamValidator } from "../../../shared/params.ts";
import supplierListServiceInstances from "../computenestsupplier/list-service-instances.ts";
import continueDeploy from "./continue-deploy-service-instance.ts";
import createServiceInstance from "./create-service-instance.ts";
import deleteServiceInstances from "./delete-service-instances.ts";
import listServiceInstanceLogs from "./list-service-instance-logs.ts";
import listServiceInstanceResources from "./list-service-instance-resources.ts";
import listServiceInstanceUpgradeHistory from "./list-service-instance-upgrade-history.ts";
import listServiceInstances from "./list-service-instances.ts";
import stopServiceInstance from "./stop-service-instance.ts";
import updateServiceInstanceAttributes from "./update-service-instance-attributes.ts";
import upgradeServiceInstance from "./upgrade-service-instance.ts";

const R = "cn-hangzhou";
const code = (expected: string, parameter?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, expected, e.message);
  if (parameter !== undefined) assert.equal(e.details.parameter, parameter);
  return true;
};
const model = (action: string, product = "computenest") => loadModel(product, action, "response");

describe("ComputeNest service-instance operations", () => {
  let t: InstanceTestContext;
  let supplier: Principal;
  let customer: Principal;
  let serviceId: string;
  let deployedId: string;

  before(async () => {
    t = await instanceTestContext();
    supplier = await t.account("Greeter Inc");
    customer = await t.account();
    serviceId = await t.publish(supplier, helloDeployMetadata());
    const created = await createServiceInstance.run(t.ctx(customer), {
      RegionId: R,
      ServiceId: serviceId,
      Name: "greeter-one",
      Parameters: { Greeting: "hey", RegionId: R },
      Tag: [{ Key: "env", Value: "dev" }],
      EnableInstanceOps: true,
    });
    assertMatchesModel(created, model("CreateServiceInstance"));
    deployedId = created.ServiceInstanceId!;
    assert.equal(created.Status, "Deploying");
    await t.instances.completeOperation(deployedId, "Deploy", {
      succeeded: true,
      statusDetail: "deploy successfully",
      resources: [
        { logicalId: "Web", type: "Nestbox::Local::Process", physicalId: "proc-1", status: "Created", createdAt: t.clock.now() },
        { logicalId: "Pending", type: "Nestbox::Local::Process", physicalId: "", status: "Pending" },
      ],
    });
    t.clock.advance(1000);
  });
  after(() => t.close());

  test("CreateServiceInstance: DryRun answers with RequestId only; refused inputs name their parameter", async () => {
    assert.deepEqual(await createServiceInstance.run(t.ctx(customer), { RegionId: R, ServiceId: serviceId, DryRun: true }), {});
    // On the wire Parameters is one JSON string (or flattened Parameters.Key entries); the face parses it.
    const params = new ParamValidator();
    assert.deepEqual(params.parse(createServiceInstance.params, { RegionId: R, ServiceId: serviceId, Parameters: '{"Replicas":3}' })["Parameters"], { Replicas: 3 });
    assert.deepEqual(params.parse(createServiceInstance.params, { RegionId: R, ServiceId: serviceId, "Parameters.Replicas": "3" })["Parameters"], { Replicas: "3" });
    assert.throws(() => params.parse(createServiceInstance.params, { RegionId: R, ServiceId: serviceId, Parameters: "[1]" }), code("INVALID_PARAMETER", "Parameters"));
    await assert.rejects(
      createServiceInstance.run(t.ctx(customer), { RegionId: R, ServiceId: serviceId, SpecificationCode: "yuncode5425200001" }),
      code("INVALID_ARGUMENT", "SpecificationCode"),
    );
    await assert.rejects(
      createServiceInstance.run(t.ctx(customer), { RegionId: R, ServiceId: serviceId, Commodity: { PayPeriod: 1 } }),
      code("INVALID_ARGUMENT", "Commodity"),
    );
  });

  test("ListServiceInstances filters by the vendor's filter names and pages", async () => {
    const ctx = t.ctx(customer);
    const all = await listServiceInstances.run(ctx, { RegionId: R });
    assertMatchesModel(all, model("ListServiceInstances"));
    assert.equal(all.NextToken, "");
    const item = all.ServiceInstances.find((i) => i.ServiceInstanceId === deployedId)!;
    assert.equal(item.Service.ServiceId, serviceId);
    assert.equal(item.Service.SupplierName, "Greeter Inc");
    assert.deepEqual(JSON.parse(item.Parameters), { Greeting: "hey", Replicas: 2, RegionId: R });
    const only = async (Filter: { Name: string; Value: string[] }[], Tag?: { Key: string; Value?: string }[]) =>
      (await listServiceInstances.run(ctx, { RegionId: R, Filter, Tag })).ServiceInstances.map((i) => i.ServiceInstanceId);
    assert.deepEqual(await only([{ Name: "ServiceInstanceName", Value: ["one"] }]), [deployedId]);
    assert.deepEqual(await only([{ Name: "Status", Value: ["Deployed"] }, { Name: "EnableInstanceOps", Value: ["true"] }]), [deployedId]);
    assert.deepEqual(await only([{ Name: "Name", Value: ["*greeter*"] }, { Name: "ServiceInstanceId", Value: [deployedId] }]), [deployedId]);
    assert.deepEqual(await only([{ Name: "Name", Value: ["greet"] }]), [], "without stars the service name must match whole");
    assert.deepEqual(await only([{ Name: "DeployType", Value: ["terraform"] }]), []);
    assert.deepEqual(await only([], [{ Key: "env", Value: "dev" }]), [deployedId]);
    await assert.rejects(listServiceInstances.run(ctx, { RegionId: R, Filter: [{ Name: "OperatedServiceInstanceId", Value: ["x"] }] }), code("INVALID_ARGUMENT", "Filter.1.Name"));
    await t.instances.create(customer, { regionId: R, serviceId, name: "greeter-two" });
    const first = await listServiceInstances.run(ctx, { RegionId: R, MaxResults: 1 });
    assert.equal(first.ServiceInstances.length, 1);
    assert.equal(first.TotalCount, 2);
    const second = await listServiceInstances.run(ctx, { RegionId: R, MaxResults: 1, NextToken: first.NextToken });
    assert.notEqual(second.ServiceInstances[0]!.ServiceInstanceId, first.ServiceInstances[0]!.ServiceInstanceId);
    assert.equal(second.NextToken, "");
  });

  test("ListServiceInstanceResources: ARNs of the local product, observed status, filters", async () => {
    t.runtime.observed = [{ logicalId: "Web", type: "Nestbox::Local::Process", physicalId: "proc-1", status: "running" }];
    const ctx = t.ctx(customer);
    const listed = await listServiceInstanceResources.run(ctx, { RegionId: R, ServiceInstanceId: deployedId });
    assertMatchesModel(listed, model("ListServiceInstanceResources"));
    assert.deepEqual(listed.Resources.map((r) => [r.ResourceARN, r.ProductCode, r.Status]), [[`acs:local:${R}:${customer.accountId}:process/proc-1`, "local", "running"]]);
    const byArn = await listServiceInstanceResources.run(ctx, { ServiceInstanceId: deployedId, Filters: [{ Name: "ResourceARN", Values: ["acs:local:x"] }] });
    assert.equal(byArn.Resources.length, 0);
    const billed = await listServiceInstanceResources.run(ctx, { ServiceInstanceId: deployedId, Filters: [{ Name: "PayType", Values: ["Subscription"] }] });
    assert.equal(billed.Resources.length, 0, "local resources are not billed");
    assert.equal((await listServiceInstanceResources.run(ctx, { ServiceInstanceId: deployedId, ServiceInstanceResourceType: "AliyunResource" })).Resources.length, 0);
    t.runtime.observeFails = true;
    const unobserved = await listServiceInstanceResources.run(ctx, { ServiceInstanceId: deployedId });
    t.runtime.observeFails = false;
    assert.equal(unobserved.Resources[0]!.Status, undefined, "without the driver the status is left out, not guessed");
    await assert.rejects(listServiceInstanceResources.run(ctx, { ServiceInstanceId: deployedId, Filters: [{ Name: "Zone", Values: [] }] }), code("INVALID_ARGUMENT", "Filters.1.Name"));
  });

  test("ListServiceInstanceLogs: lifecycle events by default, application output on request", async () => {
    const ctx = t.ctx(customer);
    const events = await listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, SortOrder: "Ascending" });
    assertMatchesModel(events, model("ListServiceInstanceLogs"));
    assert.deepEqual(events.ServiceInstancesLogs.map((l) => l.Status), ["Created", "Deploying", "Deployed"]);
    assert.equal(events.ServiceInstancesLogs[0]!.Source, "computeNest");
    const newest = await listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, MaxResults: 1 });
    assert.equal(newest.ServiceInstancesLogs[0]!.Status, "Deployed");
    assert.notEqual(newest.NextToken, "");
    const named = await listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, Filter: [{ Name: "EventName", Value: ["Created"] }] });
    assert.equal(named.ServiceInstancesLogs.length, 1);
    t.runtime.logs = [
      { timestamp: new Date(t.clock.now().getTime() - 2000), resourceId: "Web", resourceType: "Nestbox::Local::Process", content: "listening" },
      { timestamp: new Date(t.clock.now().getTime() - 1000), resourceId: "Web", resourceType: "Nestbox::Local::Process", content: "GET /" },
    ];
    const app = await listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, LogSource: "application" });
    assert.deepEqual(app.ServiceInstancesLogs.map((l) => l.Content), ["GET /", "listening"]);
    assert.equal(app.ServiceInstancesLogs[0]!.LogType, "resource");
    await assert.rejects(listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, LogSource: "ros" }), code("INVALID_ARGUMENT", "LogSource"));
    await assert.rejects(listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, SortOrder: "Sideways" }), code("INVALID_ARGUMENT", "SortOrder"));
    await assert.rejects(
      listServiceInstanceLogs.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, Filter: [{ Name: "StartTime", Value: ["yesterday"] }] }),
      code("INVALID_ARGUMENT", "Filter.1.Value"),
    );
  });

  test("UpgradeServiceInstance takes DryRun as a string; history lists the upgrade", async () => {
    const ctx = t.ctx(customer);
    const v2 = HELLO_TEMPLATE.replace("Parameters:\n", "Parameters:\n  Motto: {Type: String}\n");
    await t.catalog.updateService(supplier, { serviceId, deployMetadata: helloDeployMetadata(v2) });
    const registration = await t.catalog.registerService(supplier, serviceId);
    await t.catalog.launchService(supplier, serviceId, registration.version);
    const dry = await upgradeServiceInstance.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, DryRun: "true" });
    assertMatchesModel(dry, model("UpgradeServiceInstance"));
    assert.deepEqual(dry.UpgradeRequiredParameters, ["Motto"]);
    await assert.rejects(upgradeServiceInstance.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, DryRun: "maybe" }), code("INVALID_ARGUMENT", "DryRun"));
    assert.deepEqual(await upgradeServiceInstance.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, Parameters: { Motto: "hi" }, DryRun: "false" }), {});
    const history = await listServiceInstanceUpgradeHistory.run(ctx, { RegionId: R, ServiceInstanceId: deployedId });
    assertMatchesModel(history, model("ListServiceInstanceUpgradeHistory"));
    assert.deepEqual(history.UpgradeHistory.map((h) => [h.Type, h.Status, h.FromVersion, h.ToVersion, h.EndTime]), [["Upgrade", "upgrading", "1", "2", ""]]);
    await t.instances.completeOperation(deployedId, "Upgrade", { succeeded: true, statusDetail: "upgraded" });
    const done = await listServiceInstanceUpgradeHistory.run(ctx, { RegionId: R, ServiceInstanceId: deployedId });
    assert.deepEqual(JSON.parse(done.UpgradeHistory[0]!.Results), { Succeeded: true, StatusDetail: "upgraded" });
  });

  test("attributes, continue-deploy and stop go through; bad times are refused", async () => {
    const ctx = t.ctx(customer);
    assert.deepEqual(
      await updateServiceInstanceAttributes.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, GrantedPermission: { PolicyNames: "P1", OperationEndTime: "2027-01-01T00:00:00Z" } }),
      {},
    );
    await assert.rejects(
      updateServiceInstanceAttributes.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, GrantedPermission: { OperationEndTime: "soon" } }),
      code("INVALID_ARGUMENT", "GrantedPermission.OperationEndTime"),
    );
    await assert.rejects(continueDeploy.run(ctx, { RegionId: R, ServiceInstanceId: deployedId, DryRun: true }), code("INSTANCE_STATUS_INVALID"));
    assert.deepEqual(await stopServiceInstance.run(ctx, { RegionId: R, ServiceInstanceId: deployedId }), {});
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId, serviceVersion: "1", name: "fails" });
    await t.instances.completeOperation(instance.id, "Deploy", { succeeded: false, statusDetail: "no port" });
    const dry = await continueDeploy.run(ctx, { RegionId: R, ServiceInstanceId: instance.id, DryRun: true, Parameters: '{"Replicas":1}' });
    assertMatchesModel(dry, model("ContinueDeployServiceInstance"));
    assert.deepEqual(dry.DryRunResult!.ParametersNotAllowedToBeModified, ["RegionId"]);
  });

  test("the supplier lists its customers' instances, Deleted ones on request, by UserId", async () => {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId, serviceVersion: "1", name: "short-lived" });
    await t.instances.completeOperation(instance.id, "Deploy", { succeeded: true, statusDetail: "ok" });
    assert.deepEqual(await deleteServiceInstances.run(t.ctx(customer), { RegionId: R, ServiceInstanceId: [instance.id] }), {});
    await t.instances.completeOperation(instance.id, "Delete", { succeeded: true, statusDetail: "deleted" });
    const sctx = t.ctx(supplier);
    const visible = await supplierListServiceInstances.run(sctx, { Filter: [{ Name: "UserId", Value: [customer.accountId] }] });
    assertMatchesModel(visible, model("ListServiceInstances", "computenestsupplier"));
    assert.ok(visible.ServiceInstances.every((i) => i.UserId === Number(customer.accountId)));
    assert.ok(!visible.ServiceInstances.some((i) => i.ServiceInstanceId === instance.id));
    const withDeleted = await supplierListServiceInstances.run(sctx, { ShowDeleted: true, Filter: [{ Name: "Status", Value: ["Deleted"] }] });
    assert.deepEqual(withDeleted.ServiceInstances.map((i) => i.ServiceInstanceId), [instance.id]);
    const stranger = await t.account();
    assert.equal((await supplierListServiceInstances.run(t.ctx(stranger), {})).TotalCount, 0);
    // On the user side the deleted instance is gone.
    const mine = await listServiceInstances.run(t.ctx(customer), { RegionId: R, Filter: [{ Name: "ServiceInstanceId", Value: [instance.id] }] });
    assert.equal(mine.TotalCount, 0);
  });
});
