// Provisions end to end against a real `nestbox serve`: an operator disables a product for a
// customer (CLI), the customer's GetServiceProvisions through the official clients reports it with
// every field of the seed, CreateServiceInstance is refused naming it, the operator follows the
// EnableURL, the customer creates the role through RAM as ApiForCreation says, and then sees
// Enabled and Created and deploys.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { signAcs3 } from "../../../src/cli/acs3-signer.ts";
import { nestbox } from "../../cli/cli-harness.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");

const AK = "LTAIprovisions000000000000";
const SECRET = "provisionssecret0000000000000000";
const TEMPLATE = readFileSync(new URL("../../../examples/hello-web/template.yaml", import.meta.url), "utf8");

/** The seed example with the user model's spelling (`parameters`) and the map's keys left out. */
function seed(): unknown {
  const s = JSON.parse(readFileSync(new URL("../../../../shared/spec/examples/GetServiceProvisions.json", import.meta.url), "utf8"));
  for (const r of s.ServiceProvisions[0].RoleProvision.Roles) (r.ApiForCreation = { ...r.ApiForCreation, Parameters: undefined, parameters: {} });
  return JSON.parse(JSON.stringify(s));
}

/** Every key of `expected` is in `actual` with the same JSON type, recursively. */
function assertSameShape(actual: unknown, expected: unknown, path = "$"): void {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  assert.equal(kind(actual), kind(expected), `${path}: ${JSON.stringify(actual)?.slice(0, 80)}`);
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length) {
    assert.ok(actual.length > 0, `${path} is empty`);
    assertSameShape(actual[0], expected[0], `${path}[0]`);
  }
  if (kind(expected) === "object") {
    for (const [k, v] of Object.entries(expected as object)) {
      assert.ok(k in (actual as object), `${path}.${k} is missing`);
      assertSameShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  }
}

describe("GetServiceProvisions and the product switches through the official clients and the CLI", () => {
  let s: TestServer;
  let dataDir: string;
  let port: number;
  let env: Record<string, string>;
  let customerId: string;
  let customerKey: { id: string; secret: string };
  let serviceId: string;

  const tea = (ak: string, secret: string, v2 = false) =>
    new OpenApi.default(new OpenApi.Config({ accessKeyId: ak, accessKeySecret: secret, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou", ...(v2 ? { signatureAlgorithm: "v2" } : {}) }));
  const call = async (client: any, action: string, version: string, query: Record<string, unknown>) =>
    (
      await client.callApi(
        new OpenApi.Params({ action, version, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" }),
        new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) }),
        new Util.RuntimeOptions({}),
      )
    ).body;
  const asCustomer = (action: string, query: Record<string, unknown>, v2 = false) => call(tea(customerKey.id, customerKey.secret, v2), action, "2021-06-01", query);
  const provisionsQuery = () => ({ RegionId: "cn-hangzhou", ServiceId: serviceId, Parameters: JSON.stringify({ RegionId: "cn-hangzhou", Replicas: 1 }) });

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
    port = Number(new URL(s.server.url).port);
    env = { NESTBOX_DATA_DIR: dataDir };
    customerId = (await nestbox(env, "accounts", "create", "customer", "--output", "json")).json().accountId;
    const key = (await nestbox(env, "keys", "create", "--account", customerId, "--output", "json")).json();
    customerKey = { id: key.accessKeyId, secret: key.accessKeySecret };
    // The operator's account publishes the service; it declares a role the customer lacks.
    const supplier = (action: string, query: Record<string, unknown>) => call(tea(AK, SECRET), action, "2021-05-21", query);
    const created = await supplier("CreateService", {
      RegionId: "cn-hangzhou",
      DeployType: "ros",
      ShareType: "Public",
      VersionName: "v1",
      ServiceInfo: [{ Locale: "en-US", Name: "Provisioned Hello", ShortDescription: "Needs local" }],
      DeployMetadata: JSON.stringify({
        TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }],
        ServiceProvisions: { Roles: [{ RoleName: "HelloOperatorRole" }] },
      }),
    });
    serviceId = created.ServiceId;
    await supplier("RegisterService", { RegionId: "cn-hangzhou", ServiceId: serviceId });
    await supplier("LaunchService", { RegionId: "cn-hangzhou", ServiceId: serviceId, ServiceVersion: "1" });
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("disabled: every seed field, the deployment refused; enabled through EnableURL: deployable", async () => {
    const listed = await nestbox(env, "products", "list", "--account", customerId, "--output", "json");
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(listed.json().products.map((p: any) => [p.product, p.status]), [["local", "EnabledByDefault"], ["kubernetes", "Disabled"]]);
    const off = await nestbox(env, "products", "disable", "local", "--account", customerId, "--output", "json");
    assert.equal(off.code, 0, off.stderr);
    assert.equal(off.json().status, "Disabled");

    // ACS3 with Parameters shrunk to one JSON string, and pop-core with everything in a form body.
    const viaTea = await asCustomer("GetServiceProvisions", provisionsQuery());
    const pop = new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-06-01", accessKeyId: customerKey.id, accessKeySecret: customerKey.secret });
    const viaPop = await pop.request("GetServiceProvisions", provisionsQuery(), { method: "POST" });
    for (const body of [viaTea, viaPop]) {
      assertSameShape(body, seed());
      const p = body.ServiceProvisions[0];
      assert.deepEqual([p.ServiceName, p.Status, p.AutoEnableService], ["local", "Disabled", false]);
      assert.deepEqual([p.RoleProvision.Roles[0].RoleName, p.RoleProvision.Roles[0].Created], ["HelloOperatorRole", false]);
      assert.equal(p.RoleProvision.Roles[0].ApiForCreation.parameters.RoleName, "HelloOperatorRole");
    }
    const enableUrl: string = viaTea.ServiceProvisions[0].EnableURL;
    assert.equal(enableUrl, `http://127.0.0.1:${port}/nestbox/v1/accounts/${customerId}/products/local/enable`);

    await assert.rejects(
      asCustomer("CreateServiceInstance", { RegionId: "cn-hangzhou", ServiceId: serviceId, Name: "refused" }),
      (e: any) => e.code === "OperationDenied.ServiceNotEnabled" && e.statusCode === 400 && /local \(disabled by an operator/.test(e.message),
    );

    // The customer may not switch products; the operator follows the EnableURL.
    const follow = async (ak: string, secret: string) => {
      const url = new URL(enableUrl);
      const signed = signAcs3({ method: "POST", host: url.host, path: url.pathname, query: {}, headers: {} }, { accessKeyId: ak, accessKeySecret: secret });
      return fetch(`${url.origin}${signed.pathAndQuery}`, { method: "POST", headers: signed.headers });
    };
    const refused = await follow(customerKey.id, customerKey.secret);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { code: string }).code, "PRODUCT_ADMIN_FORBIDDEN");
    const enabled = await follow(AK, SECRET);
    assert.equal(enabled.status, 200);
    assert.equal(((await enabled.json()) as { status: string }).status, "Enabled");

    // The customer creates the missing role the way ApiForCreation says: RAM CreateRole on this server.
    const api = viaTea.ServiceProvisions[0].RoleProvision.Roles[0].ApiForCreation;
    assert.deepEqual([api.ApiName, api.ApiProductId, api.ApiType], ["CreateRole", "Ram", "Open"]);
    const role = await call(tea(customerKey.id, customerKey.secret), api.ApiName, "2015-05-01", api.parameters);
    assert.equal(role.Role.RoleName, "HelloOperatorRole");

    const afterV2 = await asCustomer("GetServiceProvisions", provisionsQuery(), true);
    const p = afterV2.ServiceProvisions[0];
    assert.equal(p.Status, "Enabled");
    assert.equal(p.EnableURL, undefined);
    assert.equal(p.StatusReason, undefined);
    assert.deepEqual(p.CommodityProvisions, [{ CommodityCode: "local", Status: "Enabled" }]);
    assert.equal(p.RoleProvision.Roles[0].Created, true);
    assert.equal(p.RoleProvision.AuthorizationURL, undefined);
    const made = await asCustomer("CreateServiceInstance", { RegionId: "cn-hangzhou", ServiceId: serviceId, Name: "allowed", Parameters: JSON.stringify({ Replicas: 1 }) });
    assert.match(made.ServiceInstanceId, /^si-[0-9a-f]{20}$/);
    const table = await nestbox(env, "products", "list", "--account", customerId);
    assert.match(table.stdout, /local\s+Enabled\s+operator:\d+/);
  });
});
