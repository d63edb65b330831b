// GetServiceProvisions on both sides, through the operations as the RPC face runs them: before and
// after an operator enables the product and the role is created, every field of the seed example
// with its type, and only the SDK models' fields (the user side's lowercase `parameters` quirk).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Principal } from "../../../src/core/accounts/account.ts";
import { computeNestOperations } from "../../../src/faces/alibaba-rpc/products/computenest/index.ts";
import { computeNestSupplierOperations } from "../../../src/faces/alibaba-rpc/products/computenestsupplier/index.ts";
import userOp from "../../../src/faces/alibaba-rpc/products/computenest/get-service-provisions.ts";
import supplierOp from "../../../src/faces/alibaba-rpc/products/computenestsupplier/get-service-provisions.ts";
import { DOMAIN_CODE_ERRORS, toAlibabaError } from "../../../src/faces/alibaba-rpc/errors.ts";
import { PROVISION_CODE_ERRORS } from "../../../src/faces/alibaba-rpc/provision-errors.ts";
import { ProvisionErrorCodes } from "../../../src/core/provisions/provision-errors.ts";
import { SUPPLIER_ACCESS_DENIED } from "../../../src/core/instances/supplier-access.ts";
import { deployMetadata, provisionTestContext, templateWith, type ProvisionTestContext } from "../../provisions/provision-context.ts";
import { assertMatchesModel, assertParamsInModel, type ModelShape } from "./model-shape.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const SEED_TEXT = readFileSync(new URL("../../../../shared/spec/examples/GetServiceProvisions.json", import.meta.url), "utf8");
/**
 * The seed is the supplier side's example; the user side's model spells ApiForCreation's map
 * `parameters`. The map's keys are the example call's own (a map, not fields): only its type counts.
 */
const seed = (user: boolean): Json => {
  const s = JSON.parse(SEED_TEXT);
  for (const r of s.ServiceProvisions[0].RoleProvision.Roles) {
    delete r.ApiForCreation.Parameters;
    r.ApiForCreation[user ? "parameters" : "Parameters"] = {};
  }
  return s;
};

// Extracted from github.com/aliyun/alibabacloud-typescript-sdk computenestsupplier-20210521 and
// computenest-20210601 src/models/GetServiceProvisions*.ts (names() / types()), as in the README
// of the model folders: the user side maps ApiForCreation's map to `parameters`.
const request = (user: boolean): { [f: string]: ModelShape } => ({
  Parameters: "map",
  RegionId: "string",
  ServiceId: "string",
  ServiceVersion: "string",
  TemplateName: "string",
  ...(user ? { TrialType: "string" } : {}),
});
const response = (user: boolean): { [f: string]: ModelShape } => ({
  RequestId: "string",
  ServiceProvisions: [
    {
      AutoEnableService: "boolean",
      CommodityProvisions: [{ CommodityCode: "string", EnableURL: "string", Status: "string" }],
      EnableURL: "string",
      RoleProvision: {
        AuthorizationURL: "string",
        Roles: [
          {
            ApiForCreation: { ApiName: "string", ApiProductId: "string", ApiType: "string", [user ? "parameters" : "Parameters"]: "map" },
            Created: "boolean",
            Function: "string",
            RoleName: "string",
          },
        ],
      },
      ServiceName: "string",
      Status: "string",
      StatusReason: "string",
    },
  ],
});

const jsonType = (v: Json) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
/** Every key of `example` is in `actual` with the same JSON type, recursively. */
function assertHasShapeOf(actual: Json, example: Json, path = "$"): void {
  assert.equal(jsonType(actual), jsonType(example), `${path}: expected ${jsonType(example)}, got ${JSON.stringify(actual)}`);
  if (Array.isArray(example)) {
    assert.ok((actual as Json[]).length > 0, `${path} is empty`);
    for (const [i, item] of (actual as Json[]).entries()) assertHasShapeOf(item, example[0]!, `${path}[${i}]`);
  } else if (example !== null && typeof example === "object") {
    for (const [key, value] of Object.entries(example)) {
      assert.ok(key in (actual as Record<string, Json>), `${path}.${key} is missing`);
      assertHasShapeOf((actual as Record<string, Json>)[key]!, value, `${path}.${key}`);
    }
  }
}

/** The body as the face serialises it: RequestId added, undefined fields dropped. */
const wire = (body: object): Json => JSON.parse(JSON.stringify({ RequestId: "DB1FA13E-1087-5654-84D5-58A0ACAD1B18", ...body }));

test("GetServiceProvisions is registered on both products with the SDK's parameters and the RAM action", () => {
  for (const [ops, op, product, version, ram, user] of [
    [computeNestOperations, userOp, "ComputeNest", "2021-06-01", "computenest", true],
    [computeNestSupplierOperations, supplierOp, "ComputeNestSupplier", "2021-05-21", "computenestsupplier", false],
  ] as const) {
    assert.ok(ops.includes(op as never), `${product} does not register GetServiceProvisions`);
    assert.equal(op.product, product);
    assert.equal(op.version, version);
    assert.deepEqual(op.iam, { action: `${ram}:GetServiceProvisions`, resource: "service/{ServiceId}" });
    assertParamsInModel(op.params, request(user));
  }
});

test("the provisions codes have their own rows in the Alibaba error table", () => {
  for (const c of [...Object.values(ProvisionErrorCodes), SUPPLIER_ACCESS_DENIED]) {
    assert.ok(c in PROVISION_CODE_ERRORS, c);
    assert.deepEqual(DOMAIN_CODE_ERRORS[c], PROVISION_CODE_ERRORS[c]);
  }
});

describe("GetServiceProvisions before and after enabling the product and creating the role", () => {
  let t: ProvisionTestContext;
  let supplier: Principal;
  let customer: Principal;
  let serviceId: string;
  const input = () => ({ RegionId: "cn-hangzhou", ServiceId: serviceId, Parameters: { RegionId: "cn-hangzhou", Replicas: 2 } });

  before(async () => {
    t = await provisionTestContext();
    supplier = await t.account("Supplier");
    customer = await t.account("Customer");
    serviceId = await t.publish(supplier, deployMetadata(templateWith(), { Roles: [{ RoleName: "AliyunServiceRole" }] }));
    await t.provisions.setProductEnabled(t.operator, customer.accountId, "local", false);
    await t.provisions.setProductEnabled(t.operator, supplier.accountId, "local", false);
  });
  after(() => t.close());

  test("before: Disabled with StatusReason and EnableURL, the role not created with its AuthorizationURL: the seed's every field", async () => {
    const body = wire(await userOp.run(t.ctx(customer), input()));
    assertHasShapeOf(body, seed(true));
    assertMatchesModel(body, response(true));
    const p = (body as any).ServiceProvisions[0];
    assert.equal(p.ServiceName, "local");
    assert.equal(p.Status, "Disabled");
    assert.equal(p.AutoEnableService, false);
    assert.match(p.StatusReason, /disabled for account/);
    assert.equal(p.EnableURL, `http://127.0.0.1:8800/nestbox/v1/accounts/${customer.accountId}/products/local/enable`);
    assert.deepEqual(p.CommodityProvisions, [{ CommodityCode: "local", Status: "Disabled", EnableURL: p.EnableURL }]);
    const role = p.RoleProvision.Roles[0];
    assert.deepEqual([role.RoleName, role.Created, role.Function], ["AliyunServiceRole", false, "Default"]);
    assert.deepEqual([role.ApiForCreation.ApiName, role.ApiForCreation.ApiProductId, role.ApiForCreation.ApiType], ["CreateRole", "Ram", "Open"]);
    assert.equal(role.ApiForCreation.parameters.RoleName, "AliyunServiceRole");
    assert.equal(role.ApiForCreation.Parameters, undefined, "the user model reads lowercase parameters only");
    const url = new URL(p.RoleProvision.AuthorizationURL);
    assert.equal(url.origin, "http://127.0.0.1:8800");
    assert.equal(url.searchParams.get("Action"), "CreateRole");
    assert.equal(url.searchParams.get("RoleName"), "AliyunServiceRole");
    assert.match(url.searchParams.get("AssumeRolePolicyDocument")!, /sts:AssumeRole/);
  });

  test("CreateServiceInstance is refused meanwhile, naming the product", async () => {
    await assert.rejects(t.instances.create(customer, { regionId: "cn-hangzhou", serviceId, name: "x" }), (e: unknown) => {
      const mapped = toAlibabaError(e);
      assert.deepEqual(mapped.entry, { code: "OperationDenied.ServiceNotEnabled", status: 400 });
      assert.match(mapped.message, /local \(disabled by an operator/);
      return true;
    });
  });

  test("after: Enabled, the role Created, and the fields that only explain a problem are gone", async () => {
    await t.provisions.setProductEnabled(t.operator, customer.accountId, "local", true);
    t.roles.add(customer.accountId, "AliyunServiceRole");
    const body = wire(await userOp.run(t.ctx(customer), input()));
    assertMatchesModel(body, response(true));
    const p = (body as any).ServiceProvisions[0];
    assert.equal(p.Status, "Enabled");
    for (const gone of ["StatusReason", "EnableURL"]) assert.equal(p[gone], undefined, gone);
    assert.deepEqual(p.CommodityProvisions, [{ CommodityCode: "local", Status: "Enabled" }]);
    assert.equal(p.RoleProvision.Roles[0].Created, true);
    assert.equal(p.RoleProvision.AuthorizationURL, undefined);
    const made = await t.instances.create(customer, { regionId: "cn-hangzhou", serviceId, name: "x" });
    assert.equal(made.instance.status, "Deploying");
  });

  test("supplier side: the seed's every field for the supplier's own account, ApiForCreation.Parameters capitalised", async () => {
    const run = async () => wire(await supplierOp.run(t.ctx(supplier), { ServiceId: serviceId, ServiceVersion: "1", Parameters: { RegionId: "cn-hangzhou" } }));
    const body = await run();
    assertHasShapeOf(body, seed(false));
    assertMatchesModel(body, response(false));
    assert.equal((body as any).ServiceProvisions[0].EnableURL, `http://127.0.0.1:8800/nestbox/v1/accounts/${supplier.accountId}/products/local/enable`);
    await t.enablements.put({ accountId: supplier.accountId, product: "local", enabled: true, changedBy: "test", changedAt: t.clock.now() });
    const p = ((await run()) as any).ServiceProvisions[0];
    assert.equal(p.Status, "Enabled");
    assert.equal(p.RoleProvision.Roles[0].Created, false);
    assert.equal(p.RoleProvision.Roles[0].ApiForCreation.Parameters.RoleName, "AliyunServiceRole");
    assert.equal(p.RoleProvision.Roles[0].ApiForCreation.parameters, undefined);
    await assert.rejects(supplierOp.run(t.ctx(customer), { ServiceId: serviceId }), (e: unknown) => toAlibabaError(e).entry.code === "EntityNotExist.Service");
  });
});
