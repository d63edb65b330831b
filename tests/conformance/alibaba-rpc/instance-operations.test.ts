import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Principal } from "../../../src/core/accounts/account.ts";
import { computeNestOperations } from "../../../src/faces/alibaba-rpc/products/computenest/index.ts";
import { computeNestSupplierOperations } from "../../../src/faces/alibaba-rpc/products/computenestsupplier/index.ts";
import getServiceInstance from "../../../src/faces/alibaba-rpc/products/computenest/get-service-instance.ts";
import supplierGetServiceInstance from "../../../src/faces/alibaba-rpc/products/computenestsupplier/get-service-instance.ts";
import { HELLO_TEMPLATE } from "./catalog-context.ts";
import { instanceTestContext, type InstanceTestContext } from "./instance-context.ts";
import { assertMatchesModel, assertParamsInModel, loadModel } from "./model-shape.ts";

const USER_ACTIONS = [
  "CreateServiceInstance", "GetServiceInstance", "ListServiceInstances", "DeleteServiceInstances", "UpgradeServiceInstance",
  "RollbackServiceInstance", "ListServiceInstanceUpgradeHistory", "StartServiceInstance", "StopServiceInstance",
  "RestartServiceInstance", "ContinueDeployServiceInstance", "UpdateServiceInstanceAttributes",
  "ListServiceInstanceResources", "ListServiceInstanceLogs",
];
const SUPPLIER_ACTIONS = ["GetServiceInstance", "ListServiceInstances"];
/** Actions on one named instance; the rest create, list or name several (`serviceinstance/*`). */
const ON_ONE = /^(Get|Upgrade|Rollback|Start|Stop|Restart|ContinueDeploy)ServiceInstance$|^UpdateServiceInstanceAttributes$|^ListServiceInstance(UpgradeHistory|Resources|Logs)$/;

const PRODUCTS = [
  { ops: computeNestOperations, product: "ComputeNest", version: "2021-06-01", folder: "computenest", ram: "computenest", actions: USER_ACTIONS },
  { ops: computeNestSupplierOperations, product: "ComputeNestSupplier", version: "2021-05-21", folder: "computenestsupplier", ram: "computenestsupplier", actions: SUPPLIER_ACTIONS },
];

for (const p of PRODUCTS) {
  test(`${p.product} instance operations declare the SDK's parameter names and the vendor's RAM action and resource`, () => {
    for (const action of p.actions) {
      const op = p.ops.find((o) => o.action === action);
      assert.ok(op, `${action} is not registered`);
      assert.equal(op.product, p.product);
      assert.equal(op.version, p.version);
      assert.equal(op.iam.action, `${p.ram}:${action}`);
      assert.equal(op.iam.resource, ON_ONE.test(action) ? "serviceinstance/{ServiceInstanceId}" : "serviceinstance/*", action);
      assertParamsInModel(op.params, loadModel(p.folder, action, "request"), action);
    }
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const jsonType = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Every key of `example` exists in `actual` with the same JSON type, recursively. Arrays are
 * compared element by element against the example's first element; an empty array in `actual`
 * has no elements to compare (NetworkConfig's connection lists: nestbox makes none).
 */
function assertHasShapeOf(actual: Json, example: Json, path = "$"): void {
  assert.equal(jsonType(actual), jsonType(example), `${path}: expected ${jsonType(example)}, got ${JSON.stringify(actual)}`);
  if (Array.isArray(example)) {
    for (const [i, item] of (actual as Json[]).entries()) assertHasShapeOf(item, example[0]!, `${path}[${i}]`);
  } else if (example !== null && typeof example === "object") {
    for (const [key, value] of Object.entries(example)) {
      assert.ok(key in (actual as Record<string, Json>), `${path}.${key} is missing`);
      assertHasShapeOf((actual as Record<string, Json>)[key]!, value, `${path}.${key}`);
    }
  }
}

const SEED_EXAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../shared/spec/examples/GetServiceInstance.json"), "utf8")) as Json;

const V1_TEMPLATE = HELLO_TEMPLATE.replace("Parameters:\n", "Parameters:\n  Password: {Type: String, NoEcho: true, Default: hunter2}\n");

describe("GetServiceInstance answers in the seed's shape", () => {
  let t: InstanceTestContext;
  let supplier: Principal;
  let customer: Principal;
  let body: Record<string, Json>;

  before(async () => {
    t = await instanceTestContext();
    supplier = await t.account("Example Supplier");
    customer = await t.account();
    const metadata = (body: string) => JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: body, AllowedRegions: ["cn-hangzhou"], PredefinedParameters: [{ Name: "Basic", Parameters: { Replicas: 1 } }] }] });
    const serviceId = await t.publish(supplier, metadata(V1_TEMPLATE), {
      operationMetadata: JSON.stringify({ SupportBackup: false, StatusOperationConfigs: [{ TemplateName: "Default", SupportOperations: ["Start", "Stop"] }] }),
      serviceInfos: [{ locale: "zh-CN", name: "B数据库", image: "https://example.com/i.png", shortDescription: "关系型数据库" }],
    });
    await t.catalog.updateService(supplier, { serviceId, deployMetadata: metadata(V1_TEMPLATE), upgradeMetadata: JSON.stringify({ SupportUpgradeFromVersions: [1] }), versionName: "second" });
    const registration = await t.catalog.registerService(supplier, serviceId);
    await t.catalog.launchService(supplier, serviceId, registration.version);
    const { instance } = await t.instances.create(customer, {
      regionId: "cn-hangzhou",
      serviceId,
      serviceVersion: "1",
      name: "TestName",
      specificationName: "Basic",
      parameters: { Password: "customer-s3cret" },
      tags: [{ key: "key1", value: "value1" }],
      resourceGroupId: "rg-bp67acfmxazb4p",
      enableUserPrometheus: true,
    });
    await t.instances.completeOperation(instance.id, "Deploy", {
      succeeded: true,
      statusDetail: "deploy successfully",
      outputs: { Url: { value: "http://127.0.0.1:4100", noEcho: false }, AdminToken: { value: "t0ps3cret", noEcho: true } },
      resources: [{ logicalId: "Web", type: "Nestbox::Local::Process", physicalId: "proc-1", status: "Created" }],
    });
    body = (await getServiceInstance.run(t.ctx(customer), { RegionId: "cn-hangzhou", ServiceInstanceId: instance.id })) as unknown as Record<string, Json>;
  });
  after(() => t.close());

  test("every key of the seed example is present with the seed's JSON type, recursively", () => {
    const { RequestId: _requestId, ...example } = SEED_EXAMPLE as Record<string, Json>;
    assertHasShapeOf(body, example);
    assertMatchesModel(body, loadModel("computenest", "GetServiceInstance", "response"));
  });

  test("values: masked secrets, times, numbers and the upgradable version", () => {
    assert.equal(body["Status"], "Deployed");
    assert.equal(body["Progress"], 100);
    assert.deepEqual(JSON.parse(body["Parameters"] as string), { Password: "******", Replicas: 1, Greeting: "hello", RegionId: "cn-hangzhou" });
    assert.deepEqual(JSON.parse(body["Outputs"] as string), { Url: "http://127.0.0.1:4100", AdminToken: "******" });
    assert.equal(JSON.parse(body["Resources"] as string)[0].StackId.length, 36);
    assert.match(body["CreateTime"] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(body["UserId"], Number(customer.accountId));
    assert.equal(body["SupplierUid"], Number(supplier.accountId));
    assert.equal(body["PredefinedParameterName"], "Basic");
    assert.deepEqual(body["Tags"], [{ Key: "key1", Value: "value1" }]);
    const service = body["Service"] as Record<string, Json>;
    assert.equal(service["SupplierName"], "Example Supplier");
    assert.equal(service["Status"], "Online");
    assert.deepEqual(service["UpgradableServiceVersions"], ["2"]);
    assert.deepEqual(service["UpgradableServiceInfos"], [{ Version: "2", VersionName: "second" }]);
    assert.deepEqual(service["ServiceInfos"], [{ Locale: "zh-CN", Name: "B数据库", Image: "https://example.com/i.png", ShortDescription: "关系型数据库" }]);
    assert.ok(!JSON.stringify(body).includes("customer-s3cret") && !JSON.stringify(body).includes("t0ps3cret"), "no NoEcho value leaks");
  });

  test("the supplier sees the same instance in the supplier model's shape", async () => {
    const supplierBody = await supplierGetServiceInstance.run(t.ctx(supplier), { RegionId: "cn-hangzhou", ServiceInstanceId: body["ServiceInstanceId"] as string });
    assertMatchesModel(supplierBody, loadModel("computenestsupplier", "GetServiceInstance", "response"));
    assert.equal(supplierBody.UserId, Number(customer.accountId));
    assert.ok(!JSON.stringify(supplierBody).includes("customer-s3cret"));
  });
});
