import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../../../core/accounts/account.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import {
  catalogTestContext,
  HELLO_TEMPLATE,
  helloDeployMetadata,
  type CatalogTestContext,
} from "../../../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { assertMatchesModel, loadModel } from "../../../../../tests/conformance/alibaba-rpc/model-shape.ts";
import describeRegions from "./describe-regions.ts";
import getService from "./get-service.ts";
import listServices from "./list-services.ts";

const R = "cn-hangzhou";
const code = (expected: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, expected, e.message);
  return true;
};

describe("ComputeNest (user side) service operations", () => {
  let t: CatalogTestContext;
  let supplier: Principal;
  let customer: Principal;
  let stranger: Principal;
  const ids: Record<"open" | "restricted" | "hidden" | "unpublished" | "terraform", string> = {
    open: "",
    restricted: "",
    hidden: "",
    unpublished: "",
    terraform: "",
  };

  /** A service of the supplier, registered and launched unless `publish` is false. */
  async function service(name: string, shareType: string, publish = true, deployType = "ros"): Promise<string> {
    const created = await t.catalog.createService(supplier, {
      regionId: R,
      deployType,
      shareType,
      versionName: `${name} v1`,
      trialDuration: 3,
      serviceInfos: [{ locale: "en-US", name, shortDescription: `${name} service`, longDescriptionUrl: "https://docs.example", softwares: [{ name: "Node.js", version: "20" }] }],
      deployMetadata: helloDeployMetadata(),
    });
    if (publish) {
      await t.catalog.registerService(supplier, created.service.id);
      await t.catalog.launchService(supplier, created.service.id, "1");
    }
    t.clock.advance(1000);
    return created.service.id;
  }

  before(async () => {
    t = await catalogTestContext();
    supplier = await t.account("Hello Supplier");
    customer = await t.account();
    stranger = await t.account();
    ids.open = await service("Open Greeter", "Public");
    ids.restricted = await service("Restricted Greeter", "Restricted");
    ids.hidden = await service("Hidden Greeter", "Hidden");
    ids.unpublished = await service("Draft Greeter", "Public", false);
    ids.terraform = await service("Terraform Thing", "Public", true, "terraform");
    await t.catalog.addSharedAccounts(supplier, ids.restricted, [{ accountId: customer.accountId, permission: "Deployable" }]);
    await t.catalog.addSharedAccounts(supplier, ids.hidden, [{ accountId: customer.accountId, permission: "Accessible" }]);
  });
  after(() => t.close());

  test("GetService shows a customer the Online default version in the SDK's shape", async () => {
    const got = await getService.run(t.ctx(customer), { RegionId: R, ServiceId: ids.open });
    assertMatchesModel(got, loadModel("computenest", "GetService", "response"));
    assert.equal(got.Version, "1");
    assert.equal(got.Status, "Online");
    assert.equal(got.Permission, "Deployable");
    assert.equal(got.SupplierUid, Number(supplier.accountId));
    assert.equal(got.SupplierName, "Hello Supplier");
    assert.equal(got.DeployFrom, "ComputeNest");
    assert.equal(got.DeployMetadata, helloDeployMetadata());
    assert.match(got.PublishTime!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test("drafts, unpublished and unshared services do not exist for others", async () => {
    await assert.rejects(getService.run(t.ctx(customer), { ServiceId: ids.open, ServiceVersion: "draft" }), code("SERVICE_NOT_FOUND"));
    await assert.rejects(getService.run(t.ctx(customer), { ServiceId: ids.unpublished }), code("SERVICE_NOT_FOUND"));
    await assert.rejects(getService.run(t.ctx(stranger), { ServiceId: ids.restricted }), code("SERVICE_NOT_FOUND"));
    await assert.rejects(getService.run(t.ctx(stranger), { ServiceId: ids.hidden }), code("SERVICE_NOT_FOUND"));
    await assert.rejects(getService.run(t.ctx(stranger), { ServiceId: "service-00000000000000000000" }), code("SERVICE_NOT_FOUND"));
    assert.equal((await getService.run(t.ctx(customer), { ServiceId: ids.restricted })).Permission, "Deployable");
    assert.equal((await getService.run(t.ctx(customer), { ServiceId: ids.hidden })).Permission, "Accessible");
    // The owner sees their own draft on the user side too.
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: ids.unpublished })).Status, "Draft");
    assert.equal((await getService.run(t.ctx(customer), { ServiceName: "open greeter" })).ServiceId, ids.open);
  });

  test("ListServices lists what the caller may see, one default version per service", async () => {
    const mine = await listServices.run(t.ctx(customer), { RegionId: R });
    assertMatchesModel(mine, loadModel("computenest", "ListServices", "response"));
    assert.deepEqual(new Set(mine.Services.map((s) => s.ServiceId)), new Set([ids.open, ids.restricted, ids.hidden, ids.terraform]));
    assert.equal(mine.TotalCount, 4);
    assert.equal(mine.NextToken, "");
    const open = mine.Services.find((s) => s.ServiceId === ids.open)!;
    assert.equal(open.TrialDuration, "3", "TrialDuration is a string in the user-side list model");
    assert.deepEqual(open.ServiceInfos[0]!.Softwares, [{ Name: "Node.js", Version: "20" }]);

    const strangers = await listServices.run(t.ctx(stranger), { RegionId: R });
    assert.deepEqual(new Set(strangers.Services.map((s) => s.ServiceId)), new Set([ids.open, ids.terraform]));

    const fuzzy = await listServices.run(t.ctx(customer), { RegionId: R, FuzzyKeyword: "GREETER" });
    assert.equal(fuzzy.TotalCount, 3);
    const named = await listServices.run(t.ctx(customer), { RegionId: R, Filter: [{ Name: "Name", Value: ["hidden"] }] });
    assert.deepEqual(named.Services.map((s) => s.ServiceId), [ids.hidden]);
    const bySupplier = await listServices.run(t.ctx(customer), { RegionId: R, Filter: [{ Name: "SupplierName", Value: ["Hello Supplier"] }] });
    assert.equal(bySupplier.TotalCount, 4);

    const pages: string[] = [];
    let token: string | undefined;
    do {
      const page = await listServices.run(t.ctx(customer), { RegionId: R, MaxResults: 3, NextToken: token, OrderByType: "UpdateTime" });
      pages.push(...page.Services.map((s) => s.ServiceId));
      token = page.NextToken || undefined;
    } while (token);
    assert.equal(pages.length, 4);
    assert.equal(new Set(pages).size, 4);
  });

  test("unsupported list options are refused rather than ignored", async () => {
    await assert.rejects(listServices.run(t.ctx(customer), { RegionId: R, InUsed: true }), code("INVALID_ARGUMENT"));
    await assert.rejects(listServices.run(t.ctx(customer), { RegionId: R, OrderByType: "Score" }), code("INVALID_ARGUMENT"));
    await assert.rejects(listServices.run(t.ctx(customer), { RegionId: R, ServiceAccessType: "Shared" }), code("INVALID_ARGUMENT"));
    await assert.rejects(listServices.run(t.ctx(customer), { RegionId: R, Filter: [{ Name: "Version", Value: ["1"] }] }), code("INVALID_ARGUMENT"));
  });

  test("DescribeRegions lists the configured regions at the addressed host", async () => {
    const regions = await describeRegions.run(t.ctx(customer), {});
    assertMatchesModel(regions, loadModel("computenest", "DescribeRegions", "response"));
    assert.ok(regions.Regions.some((r) => r.RegionId === "cn-hangzhou" && r.RegionEndpoint === "127.0.0.1:8800"));
  });

  test("resolveDeployment gives the engine the captured template and its packages", async () => {
    const resolved = await t.catalog.resolveDeployment(customer, ids.open);
    assert.equal(resolved.version.version, "1");
    assert.equal(resolved.templateName, "Default");
    assert.equal(resolved.templateBody, HELLO_TEMPLATE);
    assert.deepEqual(resolved.predefinedParameters, [{ name: "Small", description: undefined, parameters: { Replicas: 1 } }]);
    await assert.rejects(t.catalog.resolveDeployment(customer, ids.open, "1", "Other"), code("TEMPLATE_NAME_INVALID"));
    await assert.rejects(t.catalog.resolveDeployment(customer, ids.hidden), code("SERVICE_DEPLOY_FORBIDDEN"));
    await assert.rejects(t.catalog.resolveDeployment(customer, ids.terraform), code("SERVICE_NOT_DEPLOYABLE"));
    await assert.rejects(t.catalog.resolveDeployment(stranger, ids.restricted), code("SERVICE_NOT_FOUND"));
    assert.equal((await t.catalog.resolveDeployment(supplier, ids.unpublished, "draft")).templateName, "Default");
  });

  test("a withdrawn version disappears for customers while the owner still sees it", async () => {
    const id = await service("Short Lived", "Public");
    assert.equal((await getService.run(t.ctx(stranger), { ServiceId: id })).Version, "1");
    await t.catalog.withdrawService(supplier, id, "1");
    await assert.rejects(getService.run(t.ctx(stranger), { ServiceId: id }), code("SERVICE_NOT_FOUND"));
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id })).Status, "Offline");
  });
});

describe("GetService answers on the embedded store's cached catalog reads", () => {
  let t: CatalogTestContext;
  before(async () => {
    t = await catalogTestContext({ cachedReads: true });
  });
  after(() => t.close());

  test("an unchanged service answers with the same built answer; every change shows at once", async () => {
    const supplier = await t.account("Cached Supplier");
    const customer = await t.account();
    const created = await t.catalog.createService(supplier, {
      regionId: R,
      deployType: "ros",
      shareType: "Restricted",
      serviceInfos: [{ locale: "en-US", name: "Cached Greeter", shortDescription: "first words" }],
      deployMetadata: helloDeployMetadata(),
    });
    const id = created.service.id;
    const draft = () => getService.run(t.ctx(supplier), { ServiceId: id, ServiceVersion: "draft" });
    const first = await draft();
    assert.equal(await draft(), first, "nothing changed: the answer is reused");
    assert.ok(Object.isFrozen(first), "a reused answer cannot be changed by a caller");

    await t.catalog.updateService(supplier, { serviceId: id, serviceInfos: [{ locale: "en-US", name: "Cached Greeter", shortDescription: "second words" }] });
    assert.equal((await draft()).ServiceInfos[0]!.ShortDescription, "second words");

    await t.catalog.registerService(supplier, id);
    await t.catalog.launchService(supplier, id, "1");
    await t.catalog.addSharedAccounts(supplier, id, [{ accountId: customer.accountId, permission: "Deployable" }]);
    assert.equal((await getService.run(t.ctx(customer), { ServiceId: id })).Permission, "Deployable");
    await t.catalog.addSharedAccounts(supplier, id, [{ accountId: customer.accountId, permission: "Accessible" }]);
    assert.equal((await getService.run(t.ctx(customer), { ServiceId: id })).Permission, "Accessible");
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id })).Permission, "Deployable", "the owner's own answer is not the customer's");
  });
});
