import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { AK, SECRET, startFace } from "./harness.ts";
import { rpcV1Signature, rpcV1StringToSign } from "../../../src/faces/shared/signatures/rpc-v1.ts";
import { pct } from "../../../src/faces/shared/percent-encoding.ts";
import { randomUUID } from "node:crypto";

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** A V1-signed GET query, as pop-core builds it. */
function signedQuery(params: Record<string, string>, overrides: Record<string, string> = {}, secret = SECRET): string {
  const all: Record<string, string> = {
    Format: "JSON",
    Version: "2021-06-01",
    AccessKeyId: AK,
    SignatureMethod: "HMAC-SHA1",
    Timestamp: iso(new Date()),
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    ...params,
    ...overrides,
  };
  all.Signature = rpcV1Signature(rpcV1StringToSign("GET", all), secret);
  return Object.entries(all)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join("&");
}

describe("protocol errors of the RPC face", () => {
  let face: Awaited<ReturnType<typeof startFace>>;
  before(async () => {
    face = await startFace({ deny: (r) => r.resource.endsWith("thing/denied") });
  });
  after(async () => face.close());
  const get = (qs: string) => face.app.inject({ method: "GET", url: `/?${qs}` });

  test("a replayed nonce is SignatureNonceUsed", async () => {
    const qs = signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "a" });
    assert.equal((await get(qs)).statusCode, 200);
    const again = await get(qs);
    assert.equal(again.statusCode, 400);
    assert.equal(again.json().Code, "SignatureNonceUsed");
  });

  test("a timestamp 16 minutes old is InvalidTimeStamp.Expired; a malformed one .Format", async () => {
    const old = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "a" }, { Timestamp: iso(new Date(Date.now() - 16 * 60_000)) }));
    assert.equal(old.statusCode, 400);
    assert.equal(old.json().Code, "InvalidTimeStamp.Expired");
    const bad = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "a" }, { Timestamp: "yesterday" }));
    assert.equal(bad.json().Code, "InvalidTimeStamp.Format");
  });

  test("an unknown action is InvalidAction.NotFound (404), an unknown version InvalidVersion", async () => {
    const r = await get(signedQuery({ Action: "NoSuchThing", RegionId: "cn-hangzhou" }));
    assert.equal(r.statusCode, 404);
    const body = r.json();
    assert.equal(body.Code, "InvalidAction.NotFound");
    for (const k of ["RequestId", "HostId", "Code", "Message", "Recommend"]) assert.ok(body[k], k);
    assert.equal((await get(signedQuery({ Action: "EchoThing", Version: "1999-01-01" }))).json().Code, "InvalidVersion");
  });

  test("an unknown key is InvalidAccessKeyId.NotFound (404); a disabled one .Inactive", async () => {
    const r = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "a" }, { AccessKeyId: "LTAInobody" }));
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().Code, "InvalidAccessKeyId.NotFound");
    face.setActive(false);
    try {
      const d = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "a" }));
      assert.equal(d.json().Code, "InvalidAccessKeyId.Inactive");
    } finally {
      face.setActive(true);
    }
  });

  test("an unsigned request is MissingSignature", async () => {
    const r = await get("Action=EchoThing&Version=2021-06-01&RegionId=cn-hangzhou&Name=a");
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().Code, "MissingSignature");
  });

  test("Format=XML answers XML with the <Action>Response root, errors with <Error>", async () => {
    const ok = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "x&y", "Tag.1.Key": "a", "Tag.2.Key": "b" }, { Format: "XML" }));
    assert.equal(ok.headers["content-type"], "text/xml;charset=utf-8");
    assert.ok(ok.body.startsWith('<?xml version="1.0" encoding="UTF-8"?><EchoThingResponse>'));
    const parsed = new XMLParser().parse(ok.body).EchoThingResponse;
    assert.equal(parsed.Name, "x&y");
    assert.equal(parsed.Tags.length, 2);
    const err = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou" }, { Format: "XML" }));
    assert.equal(err.statusCode, 400);
    assert.equal(new XMLParser().parse(err.body).Error.Code, "MissingParameter");
  });

  test("a denial is 403 Forbidden.RAM with AccessDeniedDetail", async () => {
    const r = await get(signedQuery({ Action: "EchoThing", RegionId: "cn-hangzhou", Name: "denied" }));
    assert.equal(r.statusCode, 403);
    const body = r.json();
    assert.equal(body.Code, "Forbidden.RAM");
    assert.equal(body.AccessDeniedDetail.AuthAction, "computenest:EchoThing");
    assert.equal(body.AccessDeniedDetail.NoPermissionType, "ImplicitDeny");
    assert.ok(body.AccessDeniedDetail.EncodedDiagnosticMessage);
  });

  test("an odd content type or a malformed escape never becomes a 500", async () => {
    const r = await face.app.inject({ method: "POST", url: "/", headers: { "content-type": "application/weird" }, payload: "%%%" });
    assert.equal(r.statusCode, 400);
    const m = await get("Action=EchoThing&Name=%E0%A4%A");
    assert.equal(m.statusCode, 400);
  });
});
