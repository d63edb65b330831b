import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { helloDeployMetadata } from "../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { instanceTestContext, type InstanceTestContext } from "../../../tests/conformance/alibaba-rpc/instance-context.ts";
import { resourceArn, resourceCategory } from "./instance-resources.ts";
import { acceptsUpgradeFrom, statusOperationsOf, upgradeRulesOf } from "./version-metadata.ts";

const R = "cn-hangzhou";
const notFound = (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, "SERVICE_INSTANCE_NOT_FOUND");
  assert.equal(e.kind, "NotFound");
  return true;
};

describe("InstanceService reads", () => {
  let t: InstanceTestContext;
  let supplier: Principal;
  let customer: Principal;
  let stranger: Principal;
  let id: string;

  before(async () => {
    t = await instanceTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account();
    stranger = await t.account();
    const serviceId = await t.publish(supplier, helloDeployMetadata());
    id = (await t.instances.create(customer, { regionId: R, serviceId, name: "mine" })).instance.id;
  });
  after(() => t.close());

  test("another account's instance is not found exactly like a missing one, on every read", async () => {
    const missing = await t.instances.get(stranger, { serviceInstanceId: "si-00000000000000000000" }).catch((e: DomainError) => e);
    const foreign = await t.instances.get(stranger, { serviceInstanceId: id }).catch((e: DomainError) => e);
    assert.ok(missing instanceof DomainError && foreign instanceof DomainError);
    assert.equal(foreign.code, missing.code);
    assert.equal(foreign.message.replace(id, "X"), missing.message.replace("si-00000000000000000000", "X"));
    await assert.rejects(t.instances.listResources(stranger, id, {}), notFound);
    await assert.rejects(t.instances.listLogs(stranger, id, {}), notFound);
    await assert.rejects(t.instances.listUpgradeHistory(stranger, id, {}), notFound);
    await assert.rejects(t.instances.getForSupplier(stranger, id), notFound);
    await assert.rejects(t.instances.getForSupplier(customer, id), notFound, "the customer is not the supplier");
    assert.equal((await t.instances.list(stranger, {})).totalCount, 0);
  });

  test("get needs an id, and reads the instance with its service version", async () => {
    await assert.rejects(t.instances.get(customer, {}), (e: unknown) => e instanceof DomainError && e.details.parameter === "ServiceInstanceId");
    await assert.rejects(t.instances.get(customer, { marketInstanceId: "704000059" }), (e: unknown) => e instanceof DomainError && e.details.parameter === "MarketInstanceId");
    const view = await t.instances.get(customer, { serviceInstanceId: id });
    assert.equal(view.instance.name, "mine");
    assert.equal(view.service!.version.version, "1");
    assert.equal(view.service!.supplierName, "Supplier");
    assert.equal((await t.instances.getForSupplier(supplier, id)).instance.id, id);
  });

  test("unknown statuses and non-ros deploy types match nothing; MaxResults is checked", async () => {
    assert.equal((await t.instances.list(customer, { statuses: ["Sleeping"] })).totalCount, 0);
    assert.equal((await t.instances.list(customer, { statuses: ["Deploying", "Sleeping"] })).totalCount, 1);
    assert.equal((await t.instances.list(customer, { deployTypes: ["ros"] })).totalCount, 1);
    assert.equal((await t.instances.list(customer, { deployTypes: ["spi"] })).totalCount, 0);
    assert.equal((await t.instances.list(customer, { serviceNames: ["*nothing-like-it*"] })).totalCount, 0);
    await assert.rejects(t.instances.list(customer, { maxResults: 101 }), (e: unknown) => e instanceof DomainError && e.details.parameter === "MaxResults");
  });
});

test("ARNs follow the ROS type: product and kind lower-cased, deployment region and owner", () => {
  const at = { regionId: "cn-shanghai", accountId: "1234" };
  assert.deepEqual(resourceArn(at, "Nestbox::Local::Process", "p-1"), { productCode: "local", arn: "acs:local:cn-shanghai:1234:process/p-1" });
  assert.deepEqual(resourceArn(at, "ALIYUN::ECS::Instance", "i-1"), { productCode: "ecs", arn: "acs:ecs:cn-shanghai:1234:instance/i-1" });
  assert.equal(resourceCategory("ALIYUN::ECS::Instance"), "AliyunResource");
  assert.equal(resourceCategory("Nestbox::Local::Process"), "ContainerResource");
});

test("UpgradeMetadata and OperationMetadata rules", () => {
  assert.equal(acceptsUpgradeFrom({ upgradeMetadata: '{"SupportUpgradeFromVersions":[1,2]}' }, "2"), true);
  assert.equal(acceptsUpgradeFrom({ upgradeMetadata: '{"SupportUpgradeFromVersions":[1,2]}' }, "3"), false);
  assert.equal(acceptsUpgradeFrom({ upgradeMetadata: '{"SupportUpgradeFromVersions":[]}' }, "3"), true, "an empty list accepts any version");
  assert.equal(acceptsUpgradeFrom({}, "3"), true);
  assert.equal(upgradeRulesOf({ upgradeMetadata: '{"SupportRollback":false}' }).supportRollback, false);
  assert.equal(upgradeRulesOf({ upgradeMetadata: "not json" }).supportRollback, true);
  const ops = '{"StatusOperationConfigs":[{"TemplateName":"A","SupportOperations":["Stop"]}]}';
  assert.deepEqual(statusOperationsOf({ operationMetadata: ops }, "A"), ["Stop"]);
  assert.deepEqual(statusOperationsOf({ operationMetadata: ops }, "B"), [], "a template not listed offers nothing");
  assert.equal(statusOperationsOf({ operationMetadata: '{"SupportBackup":true}' }, "A"), undefined);
});
