// Huawei AK/SK signatures: the published example of the API signing guide, and requests signed by
// the official Node core's own signers (AKSKSigner, DerivedAKSKSigner) verified here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { SignedRequest } from "../../shared/signatures/signed-request.ts";
import { canonicalQuery, canonicalRequest, canonicalUri, parseHuaweiAuthorization, sdkSignature, verifyHuaweiSignature } from "./sdk-hmac-sha256.ts";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
const { DerivedAKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");

// support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002..004 (updated 2023-12-22):
// GET https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-…
const PUBLISHED: SignedRequest = {
  method: "GET",
  rawPath: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
  query: [["marker", "13551d6b-755d-4757-b956-536f674975c0"], ["limit", "2"]],
  form: [],
  headers: { "content-type": "application/json", host: "service.region.example.com", "x-sdk-date": "20191115T033655Z" },
  body: Buffer.alloc(0),
};

test("the published example: canonical request hash and signature", () => {
  const canonical = canonicalRequest(PUBLISHED, ["content-type", "host", "x-sdk-date"]);
  assert.equal(createHash("sha256").update(canonical).digest("hex"), "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
  assert.equal(sdkSignature("MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "20191115T033655Z", canonical), "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe");
  const auth = parseHuaweiAuthorization(
    "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
  );
  assert.ok(auth);
  assert.equal(verifyHuaweiSignature(PUBLISHED, auth, "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"), true);
  assert.equal(verifyHuaweiSignature(PUBLISHED, auth, "wrong-secret"), false);
});

test("canonical URI re-encodes each segment and ends with a slash; query is sorted and encoded", () => {
  assert.equal(canonicalUri("/v2/p/cas/jobs/j1"), "/v2/p/cas/jobs/j1/");
  assert.equal(canonicalUri("/a%20b/c"), "/a%2520b/c/");
  assert.equal(canonicalUri("/a%20b/c", true), "/a%20b/c/");
  assert.equal(canonicalQuery([["b", "x y"], ["a", "2"], ["a", "1"], ["c", "*~"]]), "a=1&a=2&b=x%20y&c=%2A~");
});

/** A request as the Node core's signer sees it, and as our server would receive it. */
function signedByCore(options: { derived?: boolean; path?: string; query?: Record<string, string>; body?: unknown }) {
  const path = options.path ?? "/v2/0123456789abcdef0123456789abcdef/cas/applications";
  const sdkRequest = {
    method: options.body === undefined ? "GET" : "POST",
    endpoint: `http://127.0.0.1:8800${path}`,
    queryParams: options.query ?? {},
    headers: { "content-type": "application/json", "X-Project-Id": "0123456789abcdef0123456789abcdef" } as Record<string, string>,
    data: options.body,
  };
  const cred = new BasicCredentials().withAk("HWAKTEST").withSk("hw-secret").withProjectId("0123456789abcdef0123456789abcdef").withRegionId("cn-north-4");
  cred.processDerivedAuthParams("servicestage", "cn-north-4");
  const headers = (options.derived ? DerivedAKSKSigner : AKSKSigner).sign(sdkRequest, cred) as Record<string, string>;
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = String(v);
  const req: SignedRequest = {
    method: sdkRequest.method,
    rawPath: path,
    query: Object.entries(options.query ?? {}),
    form: [],
    headers: lower,
    body: options.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(options.body)),
  };
  return { req, auth: parseHuaweiAuthorization(lower.authorization!)! };
}

test("requests signed by the official AKSKSigner verify; a changed request does not", () => {
  const { req, auth } = signedByCore({ query: { limit: "10", order_by: "name" }, body: { name: "app-1", description: "ü ok" } });
  assert.equal(auth.algorithm, "SDK-HMAC-SHA256");
  assert.ok(auth.signedHeaders.includes("x-project-id"));
  assert.equal(verifyHuaweiSignature(req, auth, "hw-secret"), true);
  assert.equal(verifyHuaweiSignature({ ...req, body: Buffer.from('{"name":"app-2"}') }, auth, "hw-secret"), false);
  assert.equal(verifyHuaweiSignature({ ...req, query: [["limit", "11"], ["order_by", "name"]] }, auth, "hw-secret"), false);
  assert.equal(verifyHuaweiSignature({ ...req, rawPath: req.rawPath + "x" }, auth, "hw-secret"), false);
  assert.equal(verifyHuaweiSignature(req, auth, "other"), false);
});

test("V11-HMAC-SHA256 (derived key) from the official DerivedAKSKSigner verifies", () => {
  const { req, auth } = signedByCore({ derived: true, query: { limit: "1" } });
  assert.equal(auth.algorithm, "V11-HMAC-SHA256");
  assert.equal(verifyHuaweiSignature(req, auth, "hw-secret"), true);
  assert.equal(verifyHuaweiSignature(req, auth, "other"), false);
});

test("malformed Authorization headers are not parsed", () => {
  assert.equal(parseHuaweiAuthorization("SDK-HMAC-SHA256 Access=AK"), undefined);
  assert.equal(parseHuaweiAuthorization("ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00"), undefined);
});
