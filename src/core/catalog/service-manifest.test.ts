import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../shared/domain-error.ts";
import { manifestTemplatePaths, manifestToCreateInput, manifestToUpdateInput, parseServiceManifest } from "./service-manifest.ts";

const doc = {
  Service: {
    DeployType: "ros",
    ServiceType: "private",
    ShareType: "Public",
    ApprovalType: "Manual",
    ServiceInfo: { Locale: "zh-CN", Name: "ECS", ShortDescription: "d", Softwares: [{ Name: "Node.js", Version: 20 }] },
    DeployMetadata: {
      SupplierDeployMetadata: { DeployTimeout: 7200 },
      TemplateConfigs: [
        { Name: "Local", Url: "ros_templates/template.yaml", AllowedRegions: ["cn-hangzhou"] },
        { Name: "Remote", Url: "https://example.com/t.yaml" },
      ],
    },
    UpgradeMetadata: { SupportRollback: true },
    LogMetadata: '{"Logstores":[]}',
    TrialDuration: "7",
    Tags: [{ Key: "team", Value: "web" }],
  },
};

test("relative template URLs are the files to read; absolute ones are left to the server", () => {
  assert.deepEqual(manifestTemplatePaths(doc), ["ros_templates/template.yaml"]);
});

test("a computenest-cli style manifest becomes catalog input with relative templates inline", () => {
  const m = parseServiceManifest(doc, { "ros_templates/template.yaml": "ROSTemplateFormatVersion: '2015-09-01'\n" });
  const md = JSON.parse(m.content.deployMetadata!);
  assert.deepEqual(md.TemplateConfigs[0], {
    Name: "Local",
    AllowedRegions: ["cn-hangzhou"],
    TemplateBody: "ROSTemplateFormatVersion: '2015-09-01'\n",
  });
  assert.deepEqual(md.TemplateConfigs[1], { Name: "Remote", Url: "https://example.com/t.yaml" });
  assert.deepEqual(md.SupplierDeployMetadata, { DeployTimeout: 7200 });
  assert.equal(m.content.upgradeMetadata, '{"SupportRollback":true}');
  assert.equal(m.content.logMetadata, '{"Logstores":[]}');
  assert.equal(m.content.trialDuration, 7);
  assert.deepEqual(m.content.serviceInfos, [
    { locale: "zh-CN", name: "ECS", image: undefined, shortDescription: "d", longDescriptionUrl: undefined, agreements: undefined, softwares: [{ name: "Node.js", version: "20" }] },
  ]);
  assert.deepEqual(m.settings.tags, [{ key: "team", value: "web" }]);
  const create = manifestToCreateInput(m, "cn-hangzhou");
  assert.equal(create.regionId, "cn-hangzhou");
  assert.equal(create.approvalType, "Manual");
  const update = manifestToUpdateInput(m, "service-0123456789abcdef0123");
  assert.equal(update.serviceId, "service-0123456789abcdef0123");
  assert.equal("tags" in update, false);
});

test("a missing template file or DeployType is refused naming the manifest field", () => {
  const refused = (path: string) => (e: unknown) => e instanceof DomainError && e.code === "SERVICE_MANIFEST_INVALID" && e.details.parameter === path;
  assert.throws(() => parseServiceManifest(doc, {}), refused("Service.DeployMetadata.TemplateConfigs[0].Url"));
  assert.throws(() => parseServiceManifest({ Service: { ...doc.Service, DeployType: undefined } }, {}), refused("Service.DeployType"));
  assert.throws(() => parseServiceManifest({ Other: 1 }, {}), refused("Service"));
  assert.throws(() => parseServiceManifest({ Service: { ...doc.Service, Tags: "x" } }, { "ros_templates/template.yaml": "" }), refused("Service.Tags"));
});
