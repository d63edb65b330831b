import { test } from "node:test";
import assert from "node:assert/strict";
import { rpcV1Signature, rpcV1StringToSign } from "./rpc-v1.ts";
import { acs3CanonicalRequest, acs3Signature, parseAcs3Authorization } from "./acs3.ts";
import { parsePairs, pct } from "../percent-encoding.ts";
import { roaStringToSign } from "./roa-acs.ts";

// ALIBABA.md 1.5: the published V1 example, recomputed with the vendor's util.
test("RPC V1 reproduces the published DescribeRegions vector for GET and POST", () => {
  const params = {
    AccessKeyId: "testid",
    Action: "DescribeRegions",
    Format: "XML",
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    SignatureVersion: "1.0",
    Timestamp: "2016-02-23T12:46:24Z",
    Version: "2014-05-26",
  };
  const sts = rpcV1StringToSign("GET", params);
  assert.equal(
    sts,
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
  );
  assert.equal(rpcV1Signature(sts, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
  assert.equal(rpcV1Signature(rpcV1StringToSign("POST", params), "testsecret"), "MxbnVAM4w6sft9xjVpe/GCKueuk=");
});

const headers = (h: Record<string, string>) => h;

test("ACS3 reproduces the published RunInstances vector", () => {
  const req = {
    method: "POST",
    rawPath: "/",
    query: parsePairs("ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai")!,
    form: [],
    headers: headers({
      host: "ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action": "RunInstances",
      "x-acs-version": "2014-05-26",
      "x-acs-date": "2023-10-26T10:22:32Z",
      "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
      "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    }),
    body: Buffer.alloc(0),
  };
  const signed = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version".split(";");
  const canonical = acs3CanonicalRequest(req, signed, req.headers["x-acs-content-sha256"]!);
  assert.equal(acs3Signature(canonical, "YourAccessKeySecret"), "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
});

test("ACS3 reproduces the Compute Nest vector with JSON, flattened and spaced values", () => {
  const query: [string, string][] = [
    ["RegionId", "cn-hangzhou"],
    ["ServiceId", "service-0e6fca6a51a54420abcd"],
    ["Parameters", '{"RegionId":"cn-hangzhou","InstanceType":"ecs.g6.large"}'],
    ["Tag.1.Key", "env"],
    ["Tag.1.Value", "dev test"],
    ["Commodity.PayPeriod", "1"],
    ["Commodity.PayPeriodUnit", "Month"],
    ["DryRun", "false"],
  ];
  const req = {
    method: "POST",
    rawPath: "/",
    query,
    form: [],
    headers: headers({
      host: "computenest.cn-hangzhou.aliyuncs.com",
      "x-acs-action": "CreateServiceInstance",
      "x-acs-version": "2021-06-01",
      "x-acs-date": "2024-01-01T00:00:00Z",
      "x-acs-signature-nonce": "0123456789abcdef0123456789abcdef",
      "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    }),
    body: Buffer.alloc(0),
  };
  const signed = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version".split(";");
  const canonical = acs3CanonicalRequest(req, signed, req.headers["x-acs-content-sha256"]!);
  assert.ok(
    canonical.includes(
      "Commodity.PayPeriod=1&Commodity.PayPeriodUnit=Month&DryRun=false&Parameters=%7B%22RegionId%22%3A%22cn-hangzhou%22%2C%22InstanceType%22%3A%22ecs.g6.large%22%7D&RegionId=cn-hangzhou&ServiceId=service-0e6fca6a51a54420abcd&Tag.1.Key=env&Tag.1.Value=dev%20test",
    ),
  );
  assert.equal(acs3Signature(canonical, "testsecret"), "338308367b79da86b369875c5fe593a06c7366c841fedc69c1349672ae3979fb");
});

test("ACS3 Authorization parsing needs Credential, SignedHeaders and Signature", () => {
  assert.deepEqual(parseAcs3Authorization("ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=host;x-acs-date,Signature=ab"), {
    accessKeyId: "ak",
    signedHeaders: ["host", "x-acs-date"],
    signature: "ab",
  });
  assert.equal(parseAcs3Authorization("ACS3-HMAC-SHA256 Credential=ak,Signature=ab"), undefined);
  assert.equal(parseAcs3Authorization("acs ak:sig"), undefined);
});

test("pct escapes the RFC 3986 reserved set the SDKs escape and keeps ~", () => {
  assert.equal(pct("a b!'()*~+/"), "a%20b%21%27%28%29%2A~%2B%2F");
});

test("ROA string to sign keeps decoded query values unencoded (CLIENTS.md 5.3)", () => {
  const sts = roaStringToSign({
    method: "GET",
    rawPath: "/api/v2/services/cn-shanghai/foo/instances",
    query: parsePairs("PageSize=20&Filter=10.118.0.1%20*(x)!'~&PageNumber=1&InstanceStatus=Running")!,
    form: [],
    headers: { accept: "application/json", date: "Mon, 23 Nov 2026 15:00:00 GMT", "x-acs-version": "2021-07-01", "x-acs-signature-nonce": "n" },
    body: Buffer.alloc(0),
  });
  assert.equal(
    sts,
    "GET\napplication/json\n\n\nMon, 23 Nov 2026 15:00:00 GMT\nx-acs-signature-nonce:n\nx-acs-version:2021-07-01\n/api/v2/services/cn-shanghai/foo/instances?Filter=10.118.0.1 *(x)!'~&InstanceStatus=Running&PageNumber=1&PageSize=20",
  );
});
