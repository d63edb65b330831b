import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { HELLO_TEMPLATE, helloDeployMetadata } from "../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { instanceTestContext, type InstanceTestContext } from "../../../tests/conformance/alibaba-rpc/instance-context.ts";

const R = "cn-hangzhou";
const code = (expected: string, parameter?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, expected, e.message);
  if (parameter !== undefined) assert.equal(e.details.parameter, parameter, e.message);
  return true;
};

const twoTemplates = JSON.stringify({
  TemplateConfigs: [
    { Name: "Small", TemplateBody: HELLO_TEMPLATE, PredefinedParameters: [{ Name: "Tiny", Parameters: { Replicas: 1, Greeting: "tiny" } }] },
    { Name: "Large", TemplateBody: HELLO_TEMPLATE, AllowedRegions: ["cn-shanghai"] },
  ],
});

describe("InstanceService.create", () => {
  let t: InstanceTestContext;
  let supplier: Principal;
  let customer: Principal;
  let single: string;
  let double: string;

  before(async () => {
    t = await instanceTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account();
    single = await t.publish(supplier, helloDeployMetadata());
    double = await t.publish(supplier, twoTemplates);
  });
  after(() => t.close());

  test("stores a Created instance, submits its Deploy once and moves it to Deploying", async () => {
    const before = t.runtime.submissions.length;
    const { instance, dryRun } = await t.instances.create(customer, { regionId: R, serviceId: single, parameters: { Greeting: "hi" }, tags: [{ key: "env", value: "dev" }] });
    assert.equal(dryRun, false);
    assert.equal(instance.status, "Deploying");
    assert.match(instance.id, /^si-[0-9a-f]{20}$/);
    assert.equal(instance.name, instance.id, "the name defaults to the id");
    assert.equal(instance.serviceVersion, "1");
    assert.equal(instance.templateName, "Default");
    assert.equal(instance.supplierAccountId, supplier.accountId);
    assert.deepEqual(instance.parameters, { Replicas: 2, Greeting: "hi", RegionId: R });
    assert.deepEqual(instance.resources.map((r) => [r.logicalId, r.status]), [["Web", "Pending"]]);
    const submitted = t.runtime.submissions.slice(before);
    assert.equal(submitted.length, 1);
    assert.equal(submitted[0]!.operation, "Deploy");
    assert.equal(submitted[0]!.idempotencyKey, `${instance.id}:deploy`);
    assert.equal(submitted[0]!.args!["templateBody"], HELLO_TEMPLATE);
    assert.ok(instance.activeWorkflowId);
    const log = await t.instances.listLogs(customer, instance.id, { order: "asc" });
    assert.deepEqual(log.items.map((l) => l.status), ["Created", "Deploying"]);
  });

  test("a package's values sit under the caller's, and an unknown package is refused by name", async () => {
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId: double, templateName: "Small", specificationName: "Tiny", parameters: { Greeting: "mine" } });
    assert.deepEqual(instance.parameters, { Replicas: 1, Greeting: "mine", RegionId: R });
    assert.equal(instance.specificationName, "Tiny");
    await assert.rejects(
      t.instances.create(customer, { regionId: R, serviceId: double, templateName: "Small", specificationName: "Huge" }),
      code("SPECIFICATION_NAME_INVALID", "SpecificationName"),
    );
  });

  test("TemplateName is required with several templates and must name one of them", async () => {
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: double }), code("TEMPLATE_NAME_INVALID", "TemplateName"));
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: double, templateName: "Medium" }), code("TEMPLATE_NAME_INVALID", "TemplateName"));
  });

  test("the deployment region comes from Parameters.RegionId and must be allowed by the template", async () => {
    await assert.rejects(
      t.instances.create(customer, { regionId: R, serviceId: double, templateName: "Large" }),
      code("DEPLOY_REGION_NOT_ALLOWED", "Parameters.RegionId"),
    );
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId: double, templateName: "Large", parameters: { RegionId: "cn-shanghai" } });
    assert.equal(instance.regionId, "cn-shanghai");
    await assert.rejects(
      t.instances.create(customer, { regionId: R, serviceId: single, parameters: { RegionId: "mars-1" } }),
      code("INVALID_ARGUMENT", "Parameters.RegionId"),
    );
  });

  test("bad names, tags and template parameters are refused naming the parameter", async () => {
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: single, name: "-starts-with-dash" }), code("INSTANCE_NAME_INVALID", "Name"));
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: single, name: "x".repeat(65) }), code("INSTANCE_NAME_INVALID", "Name"));
    await assert.rejects(
      t.instances.create(customer, { regionId: R, serviceId: single, tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }),
      code("INVALID_ARGUMENT", "Tag.2.Key"),
    );
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: single, parameters: { Replicas: 50 } }), code("TEMPLATE_PARAMETER_INVALID", "Parameters.Replicas"));
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: single, trialType: "Trial" }), code("INVALID_ARGUMENT", "TrialType"));
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: "service-00000000000000000000" }), code("SERVICE_NOT_FOUND"));
  });

  test("DryRun validates everything and stores and submits nothing", async () => {
    const submitted = t.runtime.submissions.length;
    const { instance, dryRun } = await t.instances.create(customer, { regionId: R, serviceId: single, name: "dry", dryRun: true, clientToken: "dry-token" });
    assert.equal(dryRun, true);
    assert.equal(instance.status, "Created");
    assert.equal(await t.stores.instances.get(instance.id), undefined);
    assert.equal(t.runtime.submissions.length, submitted);
    await assert.rejects(t.instances.create(customer, { regionId: R, serviceId: single, parameters: { Nope: 1 }, dryRun: true }), code("TEMPLATE_PARAMETER_INVALID", "Parameters.Nope"));
    // The token of a dry run is not consumed.
    const real = await t.instances.create(customer, { regionId: R, serviceId: single, name: "wet", clientToken: "dry-token" });
    assert.equal(real.dryRun, false);
  });

  test("the same ClientToken and request give the same instance; another request is a mismatch", async () => {
    const input = { regionId: R, serviceId: single, name: "same", clientToken: "tok-1", parameters: { Replicas: 3 } };
    const first = await t.instances.create(customer, input);
    const again = await t.instances.create(customer, { ...input, parameters: { Replicas: 3 } });
    assert.equal(again.instance.id, first.instance.id);
    await assert.rejects(t.instances.create(customer, { ...input, parameters: { Replicas: 4 } }), code("IDEMPOTENT_PARAMETER_MISMATCH", "ClientToken"));
    // Tokens are per account.
    const other = await t.account();
    assert.notEqual((await t.instances.create(other, input)).instance.id, first.instance.id);
  });

  test("twenty concurrent identical creates make one instance and one workflow", async () => {
    const workflows = t.runtime.workflowCount;
    const input = { regionId: R, serviceId: single, name: "racer", clientToken: "race-1" };
    const results = await Promise.all(Array.from({ length: 20 }, () => t.instances.create(customer, input)));
    assert.equal(new Set(results.map((r) => r.instance.id)).size, 1);
    assert.equal(t.runtime.workflowCount, workflows + 1);
    const listed = await t.instances.list(customer, { names: ["racer"] });
    assert.equal(listed.totalCount, 1);
    assert.equal(listed.items[0]!.instance.status, "Deploying");
  });

  test("a deployment whose submission failed is resubmitted by recovery with the same key", async () => {
    t.runtime.failing = true;
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId: single, name: "orphan" });
    t.runtime.failing = false;
    assert.equal(instance.status, "Created");
    assert.equal(instance.activeWorkflowId, undefined);
    const pending = await t.instances.listInstancesNeedingWorkflow();
    assert.deepEqual(pending.map((i) => i.id), [instance.id]);
    assert.equal(await t.instances.resubmitPendingOperations(), 1);
    const after = await t.stores.instances.get(instance.id);
    assert.equal(after!.status, "Deploying");
    assert.equal(t.runtime.submissions.at(-1)!.idempotencyKey, `${instance.id}:deploy`);
    assert.deepEqual(await t.instances.listInstancesNeedingWorkflow(), []);
  });

  test("a Trial instance of a trial service is a poc instance that ends after the trial", async () => {
    const trialService = await t.publish(supplier, helloDeployMetadata(), { trialDuration: 7 });
    const { instance } = await t.instances.create(customer, { regionId: R, serviceId: trialService, trialType: "Trial" });
    assert.equal(instance.serviceType, "poc");
    assert.equal(instance.endTime!.getTime() - instance.createdAt.getTime(), 7 * 86_400_000);
  });
});
