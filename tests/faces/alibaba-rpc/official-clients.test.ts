import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { AK, ACCOUNT, SECRET, startFace } from "./harness.ts";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");

function teaClient(port: number, v2 = false, secret = SECRET) {
  return new OpenApi.default(
    new OpenApi.Config({ accessKeyId: AK, accessKeySecret: secret, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou", ...(v2 ? { signatureAlgorithm: "v2" } : {}) }),
  );
}

function callEcho(client: any, query: Record<string, unknown>, body?: Record<string, unknown>) {
  const params = new OpenApi.Params({
    action: "EchoThing",
    version: "2021-06-01",
    protocol: "HTTP",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const request = new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query), ...(body ? { body: OpenApiUtil.parseToMap(body) } : {}) });
  return client.callApi(params, request, new Util.RuntimeOptions({}));
}

describe("the RPC face through the official Alibaba clients", () => {
  let face: Awaited<ReturnType<typeof startFace>>;
  before(async () => {
    face = await startFace();
  });
  after(async () => face.close());

  const pop = (method: "GET" | "POST", secret = SECRET) =>
    new RPCClient({ endpoint: `http://127.0.0.1:${face.port}`, apiVersion: "2021-06-01", accessKeyId: AK, accessKeySecret: secret });

  test("pop-core GET (V1 in the query) and POST (V1 in a form body) are verified and dispatched", async () => {
    for (const method of ["GET", "POST"] as const) {
      const r = await pop(method).request("EchoThing", { RegionId: "cn-shanghai", Name: "web", Count: 3, Tag: [{ Key: "env", Value: "dev" }] }, { method });
      assert.equal(r.Name, "web");
      assert.equal(r.Count, 3);
      assert.deepEqual(JSON.parse(JSON.stringify(r.Tags)), [{ Key: "env", Value: "dev" }]);
      assert.equal(r.Region, "cn-shanghai");
      assert.equal(r.Caller, ACCOUNT);
      assert.match(r.RequestId, /^[0-9A-F-]{36}$/);
      assert.equal(r.Code, undefined);
    }
  });

  test("openapi-client with ACS3 and with v2 signatures, JSON parameters as one string", async () => {
    for (const v2 of [false, true]) {
      const r = await callEcho(teaClient(face.port, v2), { RegionId: "cn-hangzhou", Name: "db", Parameters: JSON.stringify({ A: 1 }) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.body.Name, "db");
      assert.equal(r.body.Parameters, '{"A":1}');
    }
  });

  test("openapi-client v2 with parameters in a form body (chunked)", async () => {
    const r = await callEcho(teaClient(face.port, true), { RegionId: "cn-hangzhou" }, { Name: "form", Count: 7 });
    assert.equal(r.body.Name, "form");
    assert.equal(r.body.Count, 7);
  });

  test("a wrong secret is SignatureDoesNotMatch (400) for every scheme", async () => {
    await assert.rejects(pop("GET", "wrong").request("EchoThing", { RegionId: "cn-hangzhou", Name: "x" }), (e: any) => e.code === "SignatureDoesNotMatch");
    for (const v2 of [false, true]) {
      await assert.rejects(
        callEcho(teaClient(face.port, v2, "wrong"), { RegionId: "cn-hangzhou", Name: "x" }),
        (e: any) => e.code === "SignatureDoesNotMatch" && e.statusCode === 400 && /server string to sign is:/.test(e.message),
      );
    }
  });

  test("a replayed nonce and a 16-minute-old timestamp from the official client are refused", async () => {
    // The client takes its nonce and time from these helpers (its own copies); pin them for two calls.
    const clientRequire = createRequire(require.resolve("@alicloud/openapi-client"));
    const teaUtil = clientRequire("@alicloud/tea-util").default;
    const apiUtil = clientRequire("@alicloud/openapi-util").default;
    const { getNonce } = teaUtil;
    const { getTimestamp } = apiUtil;
    try {
      teaUtil.getNonce = () => "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
      for (const v2 of [false, true]) {
        teaUtil.getNonce = () => `replayed-nonce-${v2 ? "v2" : "acs3"}`;
        const ok = await callEcho(teaClient(face.port, v2), { RegionId: "cn-hangzhou", Name: "first" });
        assert.equal(ok.body.Name, "first");
        await assert.rejects(
          callEcho(teaClient(face.port, v2), { RegionId: "cn-hangzhou", Name: "first" }),
          (e: any) => e.code === "SignatureNonceUsed" && e.statusCode === 400,
        );
      }
      teaUtil.getNonce = getNonce;
      apiUtil.getTimestamp = () => new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
      for (const v2 of [false, true]) {
        await assert.rejects(
          callEcho(teaClient(face.port, v2), { RegionId: "cn-hangzhou", Name: "late" }),
          (e: any) => e.code === "InvalidTimeStamp.Expired" && e.statusCode === 400,
        );
      }
    } finally {
      teaUtil.getNonce = getNonce;
      apiUtil.getTimestamp = getTimestamp;
    }
  });

  test("a missing parameter is MissingParameter naming it; an unknown region InvalidRegionId", async () => {
    await assert.rejects(
      callEcho(teaClient(face.port), { RegionId: "cn-hangzhou" }),
      (e: any) => e.code === "MissingParameter" && e.statusCode === 400 && /Name is mandatory/.test(e.message),
    );
    await assert.rejects(callEcho(teaClient(face.port), { RegionId: "mars-1", Name: "x" }), (e: any) => e.code === "InvalidRegionId" && e.statusCode === 400);
  });

  test("domain errors map through the table; unexpected ones are InternalError without details", async () => {
    await assert.rejects(callEcho(teaClient(face.port), { RegionId: "cn-hangzhou", Name: "missing" }), (e: any) => e.code === "EntityNotExist.Service" && e.statusCode === 404);
    await assert.rejects(
      callEcho(teaClient(face.port), { RegionId: "cn-hangzhou", Name: "boom" }),
      (e: any) => e.code === "InternalError" && e.statusCode === 500 && !/secret internal detail/.test(e.message),
    );
  });

  test("the authorizer sees the action and the ARN filled from the input", async () => {
    await callEcho(teaClient(face.port), { RegionId: "cn-beijing", Name: "abc" });
    const last = face.seen.at(-1)!;
    assert.equal(last.action, "computenest:EchoThing");
    assert.equal(last.resource, `acs:computenest:cn-beijing:${ACCOUNT}:thing/abc`);
  });
});
