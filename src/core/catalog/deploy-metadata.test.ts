import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../shared/domain-error.ts";
import { checkTemplate, parseDeployMetadata } from "./deploy-metadata.ts";

const invalid = (code: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === "InvalidArgument" && e.code === code && e.details.parameter === "DeployMetadata";

test("the documented example parses into template configurations with packages", () => {
  const md = parseDeployMetadata(
    JSON.stringify({
      TemplateConfigs: [
        {
          Name: "模板1",
          Url: "https://example.com/t.json",
          AllowedRegions: ["cn-hangzhou"],
          PredefinedParameters: [
            { Name: "低配版", Parameters: { InstanceType: "ecs.g5.large", DataDiskSize: 40 } },
            { Name: "高配版", Description: "big", Parameters: { DataDiskSize: 200 } },
          ],
        },
      ],
      SupplierDeployMetadata: { DeployTimeout: 7200 },
    }),
  );
  assert.equal(md.templateConfigs.length, 1);
  const [c] = md.templateConfigs;
  assert.equal(c!.url, "https://example.com/t.json");
  assert.deepEqual(c!.allowedRegions, ["cn-hangzhou"]);
  assert.deepEqual(c!.predefinedParameters.map((p) => p.name), ["低配版", "高配版"]);
  assert.equal(c!.predefinedParameters[1]!.description, "big");
});

test("no TemplateConfigs is an empty list; a TemplateBody stands in for Url", () => {
  assert.deepEqual(parseDeployMetadata("{}").templateConfigs, []);
  const md = parseDeployMetadata(JSON.stringify({ TemplateConfigs: [{ Name: "A", TemplateBody: "x: 1" }] }));
  assert.equal(md.templateConfigs[0]!.templateBody, "x: 1");
  assert.equal(md.templateConfigs[0]!.url, undefined);
  assert.equal(md.templateConfigs[0]!.disableRollback, false, "a failed deployment cleans up by default");
  const keep = parseDeployMetadata(JSON.stringify({ TemplateConfigs: [{ Name: "A", TemplateBody: "x: 1", DisableRollback: true }] }));
  assert.equal(keep.templateConfigs[0]!.disableRollback, true);
  assert.throws(() => parseDeployMetadata('{"TemplateConfigs":[{"Name":"A","Url":"u","DisableRollback":"yes"}]}'), invalid("DEPLOY_METADATA_INVALID"));
});

test("malformed DeployMetadata is refused naming DeployMetadata", () => {
  assert.throws(() => parseDeployMetadata("not json"), invalid("METADATA_INVALID"));
  assert.throws(() => parseDeployMetadata("[1]"), invalid("METADATA_INVALID"));
  assert.throws(() => parseDeployMetadata('{"TemplateConfigs":{}}'), invalid("DEPLOY_METADATA_INVALID"));
  assert.throws(() => parseDeployMetadata('{"TemplateConfigs":[{"Url":"https://x"}]}'), invalid("DEPLOY_METADATA_INVALID"));
  assert.throws(() => parseDeployMetadata('{"TemplateConfigs":[{"Name":"A"}]}'), /exactly one of Url and TemplateBody/);
  assert.throws(
    () => parseDeployMetadata('{"TemplateConfigs":[{"Name":"A","Url":"https://x","TemplateBody":"y"}]}'),
    /exactly one of Url and TemplateBody/,
  );
  assert.throws(
    () => parseDeployMetadata('{"TemplateConfigs":[{"Name":"A","Url":"u"},{"Name":"A","Url":"v"}]}'),
    /used by more than one template/,
  );
  assert.throws(
    () => parseDeployMetadata('{"TemplateConfigs":[{"Name":"A","Url":"u","PredefinedParameters":[{"Name":"P","Parameters":[1]}]}]}'),
    invalid("DEPLOY_METADATA_INVALID"),
  );
});

test("a template must be a ROS template whose parameters cover the packages", () => {
  const config = { name: "A", predefinedParameters: [{ name: "Small", parameters: { Replicas: 1 } }], disableRollback: false };
  const good = { ROSTemplateFormatVersion: "2015-09-01", Parameters: { Replicas: { Type: "Number" } }, Resources: { R: { Type: "T" } } };
  assert.equal(checkTemplate(good, config), undefined);
  assert.match(checkTemplate([], config)!, /mapping/);
  assert.match(checkTemplate({ ...good, ROSTemplateFormatVersion: "2010-09-09" }, config)!, /ROSTemplateFormatVersion/);
  assert.match(checkTemplate({ ...good, Resources: undefined }, config)!, /Resources is required/);
  assert.match(checkTemplate({ ...good, Outputs: [1] }, config)!, /Outputs must be a mapping/);
  assert.match(checkTemplate({ ...good, Parameters: {} }, config)!, /sets Replicas, which is not a parameter/);
});
