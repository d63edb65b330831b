import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { signAcs3 } from "./acs3-signer.ts";

// Vectors from spec/ALIBABA.md section 1.6 (official doc example and a Compute Nest call).
test("reproduces the documented RunInstances ACS3 signature", () => {
  const signed = signAcs3(
    {
      method: "POST",
      host: "ecs.cn-shanghai.aliyuncs.com",
      path: "/",
      query: { ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", RegionId: "cn-shanghai" },
      headers: { "x-acs-action": "RunInstances", "x-acs-version": "2014-05-26" },
      date: new Date("2023-10-26T10:22:32Z"),
      nonce: "3156853299f313e23d1673dc12e1703d",
    },
    { accessKeyId: "YourAccessKeyId", accessKeySecret: "YourAccessKeySecret" },
  );
  assert.equal(
    signed.headers["authorization"],
    "ACS3-HMAC-SHA256 Credential=YourAccessKeyId," +
      "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
      "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
  );
});

test("reproduces the documented CreateServiceInstance ACS3 signature with nested parameters", () => {
  const signed = signAcs3(
    {
      method: "POST",
      host: "computenest.cn-hangzhou.aliyuncs.com",
      path: "/",
      query: {
        RegionId: "cn-hangzhou",
        ServiceId: "service-0e6fca6a51a54420abcd",
        Parameters: '{"RegionId":"cn-hangzhou","InstanceType":"ecs.g6.large"}',
        "Tag.1.Key": "env",
        "Tag.1.Value": "dev test",
        "Commodity.PayPeriod": "1",
        "Commodity.PayPeriodUnit": "Month",
        DryRun: "false",
      },
      headers: { "x-acs-action": "CreateServiceInstance", "x-acs-version": "2021-06-01" },
      date: new Date("2024-01-01T00:00:00Z"),
      nonce: "0123456789abcdef0123456789abcdef",
    },
    { accessKeyId: "testid", accessKeySecret: "testsecret" },
  );
  assert.match(signed.headers["authorization"]!, /Signature=338308367b79da86b369875c5fe593a06c7366c841fedc69c1349672ae3979fb$/);
  assert.match(signed.pathAndQuery, /^\/\?Commodity\.PayPeriod=1&.*Tag\.1\.Value=dev%20test$/);
});

test("signs content-type and hashes the body when there is one", () => {
  const signed = signAcs3(
    { method: "POST", host: "127.0.0.1:8800", path: "/nestbox/v1/accounts", headers: { "content-type": "application/json" }, body: '{"name":"a"}' },
    { accessKeyId: "id", accessKeySecret: "secret" },
  );
  assert.match(signed.headers["authorization"]!, /SignedHeaders=content-type;host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce,/);
  assert.equal(signed.headers["x-acs-content-sha256"], createHash("sha256").update('{"name":"a"}').digest("hex"));
  assert.equal(signed.body.toString(), '{"name":"a"}');
});
