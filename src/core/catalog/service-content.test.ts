import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../shared/domain-error.ts";
import { buildContent, buildSettings, touchesContent } from "./service-content.ts";

const invalidParam = (parameter: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === "InvalidArgument" && e.details.parameter === parameter;

test("create takes defaults; DeployType is mandatory", () => {
  const c = buildContent(undefined, { deployType: "ros" });
  assert.equal(c.serviceType, "private");
  assert.equal(c.isSupportOperated, false);
  assert.deepEqual(c.serviceInfos, []);
  assert.throws(() => buildContent(undefined, {}), invalidParam("DeployType"));
});

test("enums and ranges are checked against the vendor's values, naming the wire parameter", () => {
  assert.throws(() => buildContent(undefined, { deployType: "helm" }), invalidParam("DeployType"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", serviceType: "public" }), invalidParam("ServiceType"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", tenantType: "Shared" }), invalidParam("TenantType"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", trialDuration: 31 }), invalidParam("TrialDuration"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", duration: -1 }), invalidParam("Duration"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", policyNames: `a,${"x".repeat(129)}` }), invalidParam("PolicyNames"));
  assert.throws(() => buildSettings(undefined, { shareType: "Private" }), invalidParam("ShareType"));
  assert.throws(() => buildSettings(undefined, { approvalType: "Never" }), invalidParam("ApprovalType"));
});

test("metadata must be JSON objects; an empty string clears one on update", () => {
  assert.throws(() => buildContent(undefined, { deployType: "ros", operationMetadata: "{oops" }), invalidParam("OperationMetadata"));
  assert.throws(() => buildContent(undefined, { deployType: "ros", logMetadata: "[]" }), invalidParam("LogMetadata"));
  const base = buildContent(undefined, { deployType: "ros", alarmMetadata: '{"TemplateUrl":"u"}', versionName: "v1" });
  assert.equal(base.alarmMetadata, '{"TemplateUrl":"u"}');
  const cleared = buildContent(base, { alarmMetadata: "" });
  assert.equal(cleared.alarmMetadata, undefined);
  assert.equal(cleared.versionName, "v1", "fields not given keep their value");
});

test("ServiceInfo needs Locale and Name, once per locale", () => {
  assert.throws(() => buildContent(undefined, { deployType: "ros", serviceInfos: [{ locale: "en-US" }] }), invalidParam("ServiceInfo.1.Name"));
  assert.throws(
    () => buildContent(undefined, { deployType: "ros", serviceInfos: [{ locale: "en-US", name: "a" }, { locale: "en-US", name: "b" }] }),
    invalidParam("ServiceInfo.2.Locale"),
  );
  const c = buildContent(undefined, {
    deployType: "ros",
    serviceInfos: [{ locale: "en-US", name: "A", agreements: [{ name: "EULA", url: "https://e" }], softwares: [{ name: "Node.js" }] }],
  });
  assert.deepEqual(c.serviceInfos[0]!.softwares, [{ name: "Node.js", version: "" }]);
});

test("tags are unique by key and at most 20", () => {
  assert.throws(() => buildSettings(undefined, { tags: [{ key: "a" }, { key: "a" }] }), invalidParam("Tag.2.Key"));
  assert.throws(() => buildSettings(undefined, { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}` })) }), invalidParam("Tag"));
  assert.deepEqual(buildSettings(undefined, { tags: [{ key: "a" }] }).tags, [{ key: "a", value: "" }]);
});

test("touchesContent is false for an update that names no content field", () => {
  assert.equal(touchesContent({}), false);
  assert.equal(touchesContent({ versionName: "v2" }), true);
});
