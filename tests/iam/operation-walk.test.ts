// Every operation registered in the wiring declares its RAM action and resource, and a principal
// without any policy is denied each of them (HTTP 403), on the RPC and ROA faces alike.
import { REGISTERED_OPERATIONS } from "../../src/server/wire-faces.ts";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { RpcApiError, RpcClient, type RpcValue } from "../../src/cli/rpc-client.ts";
import { projectId } from "../../src/core/servicestage/projects.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";

const require = createRequire(import.meta.url);
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");

interface AnyOperation {
  /** Alibaba operations; Huawei ones have neither (their version is in the path). */
  product?: string;
  version?: string;
  action: string;
  method?: string;
  path?: string;
  iam?: { action?: string; resource?: string };
  params?: Schema;
  body?: Schema;
}

/** Huawei REST operations are named by a `{project_id}` path and Huawei IAM actions (servicestage:app:create). */
const isHuawei = (op: AnyOperation) => op.product === undefined && (op.path ?? "").includes("{project_id}");
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  [key: string]: unknown;
}

/** The operation lists the server registers (a list added there is walked without editing this file). */
async function registeredLists(): Promise<Map<string, AnyOperation[]>> {
  return new Map(Object.entries(REGISTERED_OPERATIONS).map(([name, ops]) => [name, [...ops] as AnyOperation[]]));
}

const lists = await registeredLists();
const all = [...lists.values()].flat();

describe("every registered operation declares its RAM action and resource", () => {
  test("the wiring registers the known product lists", () => {
    for (const name of ["computeNestOperations", "computeNestSupplierOperations", "ramOperations", "stsOperations"]) assert.ok(lists.has(name), name);
    assert.ok(all.length > 60, `only ${all.length} operations found`);
  });
  for (const [name, ops] of lists) {
    test(`${name}: an action "<service>:<Action>" and a resource whose placeholders are parameters`, () => {
      for (const op of ops) {
        const id = `${op.product ?? "huawei"} ${op.version ?? op.path} ${op.action}`;
        if (isHuawei(op)) {
          assert.match(op.iam?.action ?? "", /^[a-z]+(:[a-z*]+)+$/i, `${id} declares no IAM action`);
        } else {
          assert.match(op.iam?.action ?? "", /^[a-z]+:[A-Za-z]+$/, `${id} declares no RAM action`);
          assert.equal(op.iam!.action!.split(":")[1]!.toLowerCase(), op.action.toLowerCase(), `${id}: the RAM action names another API`);
        }
        assert.ok(op.iam?.resource, `${id} declares no resource`);
        const pathParams = [...(op.path ?? "").matchAll(/\{(\w+)\}|\[(\w+)\]/g)].map((m) => (m[1] ?? m[2])!);
        const known = new Set([...Object.keys(op.params?.properties ?? {}), ...Object.keys(op.body?.properties ?? {}), ...pathParams]);
        for (const [, placeholder] of op.iam!.resource!.matchAll(/\{(\w+)\}/g)) {
          assert.ok(known.has(placeholder!), `${id}: resource placeholder {${placeholder}} is not a parameter`);
        }
      }
    });
  }
});

/** Parameters whose shape the schema does not say but the operation checks before authorizing. */
const KNOWN_VALUES: Record<string, string> = { RegionId: "cn-hangzhou", ClusterId: "cn-hangzhou", RoleArn: "acs:ram::1000000000000000:role/x", RoleSessionName: "walk" };

/** A value the schema accepts, for a request that passes validation and reaches authorization. */
function sample(name: string, s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(name, s.anyOf[0]!);
  switch (s.type) {
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return false;
    case "array":
      return [sample(name, s.items ?? { type: "string" })];
    case "object":
      return requiredSample(s);
    default: {
      if (name in KNOWN_VALUES) return KNOWN_VALUES[name];
      const candidates = ["x".repeat(Math.max(1, s.minLength ?? 1)), "1", "a1", "x-1", "cn-hangzhou"];
      return typeof s.pattern === "string" ? (candidates.find((c) => new RegExp(s.pattern as string).test(c)) ?? candidates[0]) : candidates[0];
    }
  }
}

function requiredSample(s: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of s.required ?? []) out[key] = sample(key, s.properties?.[key] ?? {});
  return out;
}

/** JSON-style parameters go on the wire as one JSON string. */
function wireParams(op: AnyOperation): Record<string, RpcValue> {
  const out: Record<string, RpcValue> = {};
  for (const [k, v] of Object.entries(requiredSample(op.params ?? {}))) {
    out[k] = op.params?.properties?.[k]?.["x-nestbox-json"] ? JSON.stringify(v) : (v as RpcValue);
  }
  return out;
}

describe("a principal without policies is denied every operation", () => {
  let s: TestServer;
  let dataDir: string;
  let user: { accessKeyId: string; accessKeySecret: string };

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: "LTAIwalktest0000000000000", NESTBOX_ROOT_ACCESS_KEY_SECRET: "walktestsecret0000000000000000", NESTBOX_LOG_LEVEL: "warn" });
    const root = new RpcClient({ accessKeyId: "LTAIwalktest0000000000000", accessKeySecret: "walktestsecret0000000000000000", endpoint: new URL(s.server.url), source: "test" });
    const ram = { product: "Ram", version: "2015-05-01" };
    await root.call(ram, "CreateUser", { UserName: "nobody" });
    const key = (await root.call<{ AccessKey: { AccessKeyId: string; AccessKeySecret: string } }>(ram, "CreateAccessKey", { UserName: "nobody" })).AccessKey;
    user = { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret };
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  for (const [name, ops] of lists) {
    test(`${name}: HTTP 403 for each`, async () => {
      const client = new RpcClient({ ...user, endpoint: new URL(s.server.url), source: "test" });
      for (const op of ops) {
        const id = `${op.product} ${op.action}`;
        const err = isHuawei(op)
          ? await callHuawei(op).then(
              () => undefined,
              // ServiceStage's own word for a policy denial.
              (e: any) => ({ status: e.httpStatusCode, code: e.errorCode === "SVCSTG.00100403" ? "Forbidden.RAM" : String(e.errorCode) }),
            )
          : op.path
          ? await callRoa(op).then(
              () => undefined,
              (e: any) => ({ status: e.data?.statusCode ?? e.statusCode, code: e.code }),
            )
          : await client.call({ product: op.product!, version: op.version! }, op.action, wireParams(op)).then(
              () => undefined,
              (e: unknown) => (e instanceof RpcApiError ? { status: e.status, code: e.code } : { status: 0, code: String(e) }),
            );
        assert.ok(err, `${id} was allowed`);
        assert.equal(err.status, 403, `${id}: ${err.code}`);
        // A RAM denial; STS AssumeRole answers NoPermission (the core checks the role's ARN).
        assert.ok(["Forbidden.RAM", "NoPermission"].includes(err.code), `${id}: ${err.code}`);
      }
    });
  }

  /** The official Huawei core (HcClient, AK/SK signing) with the user's key, in the user's project. */
  function callHuawei(op: AnyOperation) {
    const pid = projectId(s.server.operator.accountId, "cn-hangzhou");
    const client = new ClientBuilder((c: unknown) => c)
      .withCredential(new BasicCredentials().withAk(user.accessKeyId).withSk(user.accessKeySecret).withProjectId(pid))
      .withEndpoint(s.server.url)
      .build();
    const pathParams: Record<string, string> = {};
    for (const [, name] of op.path!.matchAll(/\{(\w+)\}/g)) pathParams[name!] = name === "project_id" ? pid : "x";
    const body = ["POST", "PUT", "PATCH"].includes(op.method!) ? { data: {} } : {};
    return client.sendRequest({ method: op.method, url: op.path, contentType: "application/json", pathParams, queryParams: {}, headers: {}, ...body });
  }

  function callRoa(op: AnyOperation) {
    const values = requiredSample(op.params ?? {});
    const pathname = op.path!.replace(/\[(\w+)\]|\{(\w+)\}/g, (_m, a: string | undefined, b: string | undefined) => encodeURIComponent(String(values[(a ?? b)!] ?? sample((a ?? b)!, {}))));
    const query: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) if (!op.path!.includes(`{${k}}`) && !op.path!.includes(`[${k}]`)) query[k] = v;
    const client = new OpenApi.default(new OpenApi.Config({ ...user, endpoint: `127.0.0.1:${s.server.port}`, protocol: "http", regionId: "cn-hangzhou" }));
    return client.callApi(
      new OpenApi.Params({ action: op.action, version: op.version, protocol: "HTTP", pathname, method: op.method, authType: "AK", style: "ROA", reqBodyType: "json", bodyType: "json" }),
      new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query), ...(op.body ? { body: requiredSample(op.body) } : {}) }),
      new Util.RuntimeOptions({}),
    );
  }
});
