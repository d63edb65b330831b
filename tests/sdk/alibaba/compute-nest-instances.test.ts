// Compute Nest end to end through the official Alibaba clients against a real `nestbox serve`:
// a supplier publishes hello-web, a customer deploys it, GetServiceInstance answers every field
// of the seed example with its documented JSON type (pop-core GET, openapi-client ACS3 and v2).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");

const AK = "LTAIsdktest00000000000000";
const SECRET = "sdktestsecret000000000000000000";
const TEMPLATE = readFileSync(new URL("../../../examples/hello-web/template.yaml", import.meta.url), "utf8");
const SEED = JSON.parse(readFileSync(new URL("../../../../shared/spec/examples/GetServiceInstance.json", import.meta.url), "utf8"));

/** Every key of `expected` is in `actual` with the same JSON type, recursively (values differ). */
function assertSameShape(actual: unknown, expected: unknown, path = "$"): void {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  assert.equal(kind(actual), kind(expected), `${path}: ${JSON.stringify(actual)?.slice(0, 80)}`);
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length && actual.length) assertSameShape(actual[0], expected[0], `${path}[0]`);
  if (kind(expected) === "object") {
    for (const [k, v] of Object.entries(expected as object)) {
      assert.ok(k in (actual as object), `${path}.${k} is missing`);
      assertSameShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  }
}

/** pop-core parses JSON with json-bigint: 16-digit numbers arrive as BigNumber objects. */
function fromBigNumbers(v: any): any {
  if (v && typeof v === "object" && (v._isBigNumber || v.isBigNumber === true || v.constructor?.name === "BigNumber")) return Number(v.toString());
  if (Array.isArray(v)) return v.map(fromBigNumbers);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromBigNumbers(x)]));
  return v;
}

describe("Compute Nest instances through the official clients", () => {
  let s: TestServer;
  let dataDir: string;
  let port: number;
  const tea = (v2 = false) =>
    new OpenApi.default(new OpenApi.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou", ...(v2 ? { signatureAlgorithm: "v2" } : {}) }));
  const call = async (action: string, version: string, query: Record<string, unknown>, v2 = false) =>
    (
      await tea(v2).callApi(
        new OpenApi.Params({ action, version, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" }),
        new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) }),
        new Util.RuntimeOptions({}),
      )
    ).body;
  const supplier = (action: string, query: Record<string, unknown>) => call(action, "2021-05-21", query);
  const user = (action: string, query: Record<string, unknown>, v2 = false) => call(action, "2021-06-01", query, v2);

  async function waitForStatus(id: string, wanted: string): Promise<Record<string, any>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const got = await user("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: id });
      if (got.Status === wanted) return got;
      assert.ok(!/Failed$/.test(got.Status), `${got.Status}: ${got.StatusDetail}`);
      assert.ok(Date.now() < deadline, `still ${got.Status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
    port = Number(new URL(s.server.url).port);
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("publish, deploy, read with every client, then delete until not found", async () => {
    const created = await supplier("CreateService", {
      RegionId: "cn-hangzhou",
      DeployType: "ros",
      ShareType: "Public",
      VersionName: "v1",
      ServiceInfo: [{ Locale: "en-US", Name: "Hello Web", ShortDescription: "Answers hello" }],
      DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE, AllowedRegions: ["cn-hangzhou"] }] }),
    });
    assert.match(created.ServiceId, /^service-[0-9a-f]{20}$/);
    await supplier("RegisterService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId });
    const launched = await supplier("LaunchService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, ServiceVersion: "1" });
    assert.equal(launched.Version, "1");

    const made = await user("CreateServiceInstance", {
      RegionId: "cn-hangzhou",
      ServiceId: created.ServiceId,
      Name: "hello-1",
      Parameters: JSON.stringify({ Replicas: 2, Greeting: "hello" }),
      Tag: [{ Key: "env", Value: "test" }],
    });
    assert.match(made.ServiceInstanceId, /^si-[0-9a-f]{20}$/);
    const deployed = await waitForStatus(made.ServiceInstanceId, "Deployed");
    assert.equal(deployed.Progress, 100);
    const url = JSON.parse(deployed.Outputs).Url;
    assert.equal(await (await fetch(url)).text(), "hello");

    const pop = new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-06-01", accessKeyId: AK, accessKeySecret: SECRET });
    const viaPop = await pop.request("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId }, { method: "GET" });
    const viaV2 = await user("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId }, true);
    for (const body of [deployed, fromBigNumbers(viaPop), viaV2]) {
      assertSameShape(body, SEED);
      assert.equal(body.Status, "Deployed");
      assert.equal(JSON.parse(body.Parameters).Replicas, 2);
      assert.deepEqual(body.Tags, [{ Key: "env", Value: "test" }]);
      assert.equal(body.Code, undefined);
    }

    const listed = await user("ListServiceInstances", { RegionId: "cn-hangzhou", Filter: [{ Name: "ServiceInstanceName", Value: ["hello-1"] }] });
    assert.equal(listed.TotalCount, 1);
    assert.equal(listed.ServiceInstances[0].ServiceInstanceId, made.ServiceInstanceId);
    assert.equal(listed.NextToken, "");

    await user("DeleteServiceInstances", { RegionId: "cn-hangzhou", ServiceInstanceId: [made.ServiceInstanceId] });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await user("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId });
      } catch (e: any) {
        assert.equal(e.code, "ServiceInstanceNotFound");
        assert.equal(e.statusCode, 404);
        break;
      }
      assert.ok(Date.now() < deadline, "instance still visible after delete");
      await new Promise((r) => setTimeout(r, 100));
    }
    await assert.rejects(fetch(url), "the replicas are gone");
  });

  test("bad input is refused in the vendor's format: a rule-breaking parameter, a stopped instance's restart", async () => {
    const created = await supplier("CreateService", {
      RegionId: "cn-hangzhou",
      DeployType: "ros",
      ShareType: "Public",
      ServiceInfo: [{ Locale: "en-US", Name: "Hello Web 2", ShortDescription: "x" }],
      DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
    });
    await supplier("RegisterService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId });
    await supplier("LaunchService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, ServiceVersion: "1" });
    await assert.rejects(
      user("CreateServiceInstance", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Parameters: JSON.stringify({ Greeting: "Hi" }) }),
      (e: any) => e.code === "InvalidParameter" && e.statusCode === 400 && /Greeting/.test(e.message) && /AllowedPattern/.test(e.message),
    );
    await assert.rejects(
      user("CreateServiceInstance", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Parameters: JSON.stringify({ Replicas: 11 }), DryRun: true }),
      (e: any) => e.code === "InvalidParameter" && /MaxValue/.test(e.message),
    );
    const made = await user("CreateServiceInstance", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Parameters: JSON.stringify({ Replicas: 1 }) });
    await waitForStatus(made.ServiceInstanceId, "Deployed");
    await user("StopServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId });
    await waitForStatus(made.ServiceInstanceId, "Stopped");
    await assert.rejects(
      user("RestartServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId }),
      (e: any) => e.code === "OperationDenied.InvalidStatus" && e.statusCode === 400,
    );
    await user("DeleteServiceInstances", { RegionId: "cn-hangzhou", ServiceInstanceId: [made.ServiceInstanceId] });
  });
});
