import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../src/core/accounts/account.ts";
import { ProvisionService } from "../../src/core/provisions/provision-service.ts";
import { InMemoryProductEnablementRepository } from "../../src/core/provisions/product-enablement.ts";
import { NO_ROLES } from "../../src/core/provisions/role-directory.ts";
import { isDomainError } from "../../src/core/shared/domain-error.ts";
import { silentLogger } from "../../src/core/shared/logger.ts";
import { TemplateDeploymentPlanner } from "../../src/engine/template/deployment-planner.ts";
import { deployMetadata, provisionTestContext, templateWith, type ProvisionTestContext } from "./provision-context.ts";

const code = (c: string, match?: RegExp) => (e: unknown) => isDomainError(e) && e.code === c && (!match || match.test(e.message));

describe("ProvisionService", () => {
  let t: ProvisionTestContext;
  let supplier: Principal;
  let customer: Principal;
  const query = (serviceId: string, parameters?: Record<string, unknown>) => ({ side: "user" as const, serviceId, regionId: "cn-hangzhou", parameters });

  before(async () => {
    t = await provisionTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account("Customer");
  });
  after(() => t.close());

  test("a template's resource types name its products; local is on by default, unknown types are Unknown", async () => {
    const id = await t.publish(supplier, deployMetadata(templateWith({ Vm: "ALIYUN::ECS::Instance", Eip: "ALIYUN::VPC::EIP" })));
    const got = await t.provisions.getServiceProvisions(customer, query(id));
    assert.deepEqual(
      got.map((p) => [p.serviceName, p.status]),
      [["local", "EnabledByDefault"], ["ECS", "Unknown"], ["VPC", "Unknown"]],
    );
    assert.deepEqual(got[0]!.resourceTypes, ["Nestbox::Local::Process", "Nestbox::Random::String"]);
    assert.equal(got[0]!.statusReason, undefined);
    assert.deepEqual(got[0]!.commodities, [{ commodityCode: "local", status: "Enabled" }]);
    assert.match(got[1]!.statusReason!, /resource\(ALIYUN::ECS::Instance\) is not provided/);
    assert.equal(got[1]!.accountId, customer.accountId);
  });

  test("the operator's switches: Disabled with a reason, then Enabled; only the operator may switch", async () => {
    const other = await t.account();
    const id = await t.publish(supplier, deployMetadata(templateWith()));
    await assert.rejects(t.provisions.setProductEnabled(other, other.accountId, "local", false), code("PRODUCT_ADMIN_FORBIDDEN"));
    await assert.rejects(t.provisions.setProductEnabled(t.operator, other.accountId, "ecs", true), code("PRODUCT_NOT_FOUND"));
    await assert.rejects(t.provisions.setProductEnabled(t.operator, "1000000000000099", "local", true), code("ACCOUNT_NOT_FOUND"));

    const off = await t.provisions.setProductEnabled(t.operator, other.accountId, "local", false);
    assert.equal(off.status, "Disabled");
    const disabled = (await t.provisions.getServiceProvisions(other, query(id)))[0]!;
    assert.equal(disabled.status, "Disabled");
    assert.match(disabled.statusReason!, new RegExp(`disabled for account ${other.accountId} by operator:${t.operator.accountId}`));
    assert.deepEqual(disabled.commodities, [{ commodityCode: "local", status: "Disabled" }]);

    t.clock.advance(1000);
    await t.provisions.setProductEnabled(t.operator, other.accountId, "local", true);
    assert.equal((await t.provisions.getServiceProvisions(other, query(id)))[0]!.status, "Enabled");
    const listed = await t.provisions.listProducts(other, other.accountId);
    assert.deepEqual(listed.map((p) => [p.product, p.status]), [["local", "Enabled"], ["kubernetes", "Disabled"]]);
    assert.deepEqual(listed[0]!.changedAt, t.clock.now());
    await assert.rejects(t.provisions.listProducts(other, customer.accountId), code("ACCOUNT_NOT_FOUND"));
    assert.equal((await t.provisions.listProducts(t.operator, other.accountId)).length, 2);
  });

  test("declared roles are reported per product, Created once the account has them", async () => {
    const id = await t.publish(
      supplier,
      deployMetadata(templateWith({ Job: "Nestbox::Kubernetes::Job" }), {
        AutoEnableServices: ["kubernetes"],
        Roles: [{ RoleName: "AppOperatorRole" }, { RoleName: "ClusterReaderRole", ServiceName: "kubernetes", Function: "Monitoring" }],
      }),
    );
    const before = await t.provisions.getServiceProvisions(customer, query(id));
    const [local, k8s] = before;
    assert.deepEqual(local!.roles.map((r) => [r.roleName, r.created, r.function]), [["AppOperatorRole", false, "Default"]]);
    assert.equal(local!.roles[0]!.apiForCreation.apiName, "CreateRole");
    assert.equal(local!.roles[0]!.apiForCreation.parameters["RoleName"], "AppOperatorRole");
    assert.deepEqual(k8s!.roles.map((r) => [r.roleName, r.function]), [["ClusterReaderRole", "Monitoring"]]);
    assert.equal(k8s!.status, "Disabled");
    assert.equal(k8s!.autoEnableService, true);
    assert.match(k8s!.statusReason!, /AutoEnableService/);
    assert.equal(local!.autoEnableService, false);

    t.roles.add(customer.accountId, "appoperatorrole");
    const after = await t.provisions.getServiceProvisions(customer, query(id));
    assert.equal(after[0]!.roles[0]!.created, true, "role names are case-insensitive");
    assert.equal(after[1]!.roles[0]!.created, false);
  });

  test("a malformed ServiceProvisions declaration is an InvalidParameter naming DeployMetadata", async () => {
    const id = await t.publish(supplier, deployMetadata(templateWith(), { Roles: [{ RoleName: "bad name!" }] }));
    await assert.rejects(t.provisions.getServiceProvisions(customer, query(id)), (e: unknown) => code("SERVICE_PROVISIONS_INVALID")(e) && (e as any).details.parameter === "DeployMetadata");
  });

  test("the supplier side reads the caller's own service, the draft included", async () => {
    const id = await t.publish(supplier, deployMetadata(templateWith()));
    const got = await t.provisions.getServiceProvisions(supplier, { side: "supplier", serviceId: id, serviceVersion: "draft", regionId: "cn-hangzhou" });
    assert.equal(got[0]!.accountId, supplier.accountId);
    await assert.rejects(t.provisions.getServiceProvisions(customer, { side: "supplier", serviceId: id, regionId: "cn-hangzhou" }), code("SERVICE_NOT_FOUND"));
  });

  test("Parameters decide the products when the template has conditions", async () => {
    const real = new ProvisionService({
      catalog: t.catalog,
      planner: new TemplateDeploymentPlanner(),
      enablements: new InMemoryProductEnablementRepository(),
      roles: NO_ROLES,
      accounts: { getAccount: async () => ({}) },
      clock: t.clock,
      log: silentLogger,
    });
    const template = `${templateWith()}  Cluster:\n    Type: Nestbox::Kubernetes::Deployment\n    Condition: OnCluster\nConditions:\n  OnCluster: {'Fn::Equals': [{Ref: Mode}, cluster]}\n`.replace(
      "Parameters:\n",
      "Parameters:\n  Mode: {Type: String, Default: host, AllowedValues: [host, cluster]}\n",
    );
    const id = await t.publish(supplier, deployMetadata(template));
    assert.deepEqual((await real.getServiceProvisions(customer, query(id))).map((p) => p.serviceName), ["local"]);
    assert.deepEqual((await real.getServiceProvisions(customer, query(id, { Mode: "cluster" }))).map((p) => p.serviceName), ["local", "kubernetes"]);
    await assert.rejects(real.getServiceProvisions(customer, query(id, { Mode: "moon" })), (e: unknown) => isDomainError(e) && e.kind === "InvalidArgument");
  });
});

describe("CreateServiceInstance checks provisions", () => {
  let t: ProvisionTestContext;
  let supplier: Principal;

  before(async () => {
    t = await provisionTestContext();
    supplier = await t.account("Supplier");
  });
  after(() => t.close());

  const create = (caller: Principal, serviceId: string, dryRun = false) =>
    t.instances.create(caller, { regionId: "cn-hangzhou", serviceId, name: "p1", dryRun });

  test("a product an operator disabled refuses the deployment, naming it; enabling it lets it through", async () => {
    const customer = await t.account();
    const id = await t.publish(supplier, deployMetadata(templateWith()));
    await t.provisions.setProductEnabled(t.operator, customer.accountId, "local", false);
    const refused = code("PRODUCT_NOT_ENABLED", /needs products that are not enabled.*local \(disabled by an operator; needed for Nestbox::Local::Process, Nestbox::Random::String\).*nestbox products enable/);
    await assert.rejects(create(customer, id, true), refused, "a dry run checks too");
    await assert.rejects(create(customer, id), refused);
    assert.equal(t.runtime.submissions.length, 0);
    await t.provisions.setProductEnabled(t.operator, customer.accountId, "local", true);
    const made = await create(customer, id);
    assert.equal(made.instance.status, "Deploying");
  });

  test("a default-off product the version auto-enables is enabled by the deployment, not by a dry run", async () => {
    const customer = await t.account();
    const id = await t.publish(supplier, deployMetadata(templateWith({ Job: "Nestbox::Kubernetes::Job" }), { AutoEnableServices: ["kubernetes"] }));
    await create(customer, id, true);
    assert.equal(await t.enablements.get(customer.accountId, "kubernetes"), undefined);
    await create(customer, id);
    const record = await t.enablements.get(customer.accountId, "kubernetes");
    assert.equal(record?.enabled, true);
    assert.equal(record?.changedBy, `auto-enable:${id}`);
    const after = await t.provisions.getServiceProvisions(customer, { side: "user", serviceId: id, regionId: "cn-hangzhou" });
    assert.equal(after.find((p) => p.serviceName === "kubernetes")!.status, "Enabled");
  });

  test("without auto-enable, or when an operator disabled it, a default-off product refuses", async () => {
    const customer = await t.account();
    const plain = await t.publish(supplier, deployMetadata(templateWith({ Job: "Nestbox::Kubernetes::Job" })));
    await assert.rejects(create(customer, plain), code("PRODUCT_NOT_ENABLED", /kubernetes \(not enabled; needed for Nestbox::Kubernetes::Job\)/));
    const auto = await t.publish(supplier, deployMetadata(templateWith({ Job: "Nestbox::Kubernetes::Job" }), { AutoEnableServices: ["kubernetes"] }));
    await t.provisions.setProductEnabled(t.operator, customer.accountId, "kubernetes", false);
    await assert.rejects(create(customer, auto), code("PRODUCT_NOT_ENABLED", /kubernetes \(disabled by an operator/));
  });

  test("resource types no product provides are left to the engine", async () => {
    const customer = await t.account();
    const id = await t.publish(supplier, deployMetadata(templateWith({ Vm: "ALIYUN::ECS::Instance" })));
    assert.equal((await create(customer, id)).instance.status, "Deploying");
  });
});
