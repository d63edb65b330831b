import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../../../core/accounts/account.ts";
import type { TemplateSource } from "../../../../core/catalog/template-source.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { parseTemplateDocument } from "../../../../engine/template-source/template-document.ts";
import {
  catalogTestContext,
  HELLO_TEMPLATE,
  helloDeployMetadata,
  type CatalogTestContext,
} from "../../../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { assertMatchesModel, loadModel } from "../../../../../tests/conformance/alibaba-rpc/model-shape.ts";
import createService from "./create-service.ts";
import getService from "./get-service.ts";
import listServices from "./list-services.ts";
import updateService from "./update-service.ts";

const invalid = (parameter: string, code?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
  assert.equal(e.kind, "InvalidArgument", e.message);
  assert.equal(e.details.parameter, parameter, e.message);
  if (code) assert.equal(e.code, code, e.message);
  return true;
};

/** Serves templates from a map, counting reads, so tests need no network. */
class MapTemplateSource implements TemplateSource {
  reads = 0;
  constructor(readonly files: Record<string, string>) {}
  async read(url: string): Promise<string> {
    this.reads++;
    const body = this.files[url];
    if (body === undefined) throw new Error("HTTP 404");
    return body;
  }
  parse(text: string): unknown {
    return parseTemplateDocument(text);
  }
}

const R = "cn-hangzhou";
const urlMetadata = (url: string) => JSON.stringify({ TemplateConfigs: [{ Name: "Default", Url: url }] });

describe("ComputeNestSupplier service inputs", () => {
  let t: CatalogTestContext;
  let source: MapTemplateSource;
  let supplier: Principal;

  before(async () => {
    source = new MapTemplateSource({ "https://t.example/hello.yaml": HELLO_TEMPLATE, "https://t.example/bad.yaml": "Resources: [" });
    t = await catalogTestContext({ templateSource: source });
    supplier = await t.account();
  });
  after(() => t.close());

  test("templates are read from their URL at write time and must be ROS templates", async () => {
    const ok = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: urlMetadata("https://t.example/hello.yaml") });
    assert.ok(ok.ServiceId);
    await assert.rejects(
      createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: urlMetadata("https://t.example/missing.yaml") }),
      (e: unknown) => invalid("DeployMetadata", "TEMPLATE_UNREADABLE")(e) && /missing\.yaml could not be read: HTTP 404/.test((e as Error).message),
    );
    await assert.rejects(
      createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: urlMetadata("https://t.example/bad.yaml") }),
      invalid("DeployMetadata", "TEMPLATE_INVALID"),
    );
    await assert.rejects(
      createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: helloDeployMetadata("ROSTemplateFormatVersion: '2015-09-01'\n") }),
      (e: unknown) => invalid("DeployMetadata", "TEMPLATE_INVALID")(e) && /Resources is required/.test((e as Error).message),
    );
    // Terraform and other deploy types keep DeployMetadata as an opaque JSON document.
    const tf = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "terraform", DeployMetadata: urlMetadata("https://t.example/missing.yaml") });
    assert.ok(tf.ServiceId);
  });

  test("a bad enum, JSON or number names its parameter", async () => {
    const base = { RegionId: R, DeployType: "ros" };
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, DeployType: "helm" }), invalid("DeployType"));
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, ShareType: "Everyone" }), invalid("ShareType"));
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, LicenseMetadata: "{" }), invalid("LicenseMetadata", "METADATA_INVALID"));
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, ComplianceMetadata: "[]" }), invalid("ComplianceMetadata"));
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, TrialDuration: 45 }), invalid("TrialDuration"));
    await assert.rejects(createService.run(t.ctx(supplier), { ...base, ServiceInfo: [{ Name: "x" }] }), invalid("ServiceInfo.1.Locale"));
    await assert.rejects(
      listServices.run(t.ctx(supplier), { RegionId: R, Filter: [{ Name: "Color", Value: ["red"] }] }),
      invalid("Filter.1.Name"),
    );
    await assert.rejects(listServices.run(t.ctx(supplier), { RegionId: R, NextToken: "garbage" }), invalid("NextToken"));
  });

  test("DryRun validates everything, returns DryRunResult and stores nothing", async () => {
    const before = (await listServices.run(t.ctx(supplier), { RegionId: R })).TotalCount;
    const dry = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: helloDeployMetadata(), DryRun: true });
    assertMatchesModel(dry, loadModel("computenestsupplier", "CreateService", "response"));
    assert.deepEqual(Object.keys(dry), ["DryRunResult"]);
    assert.deepEqual(JSON.parse((dry as { DryRunResult: { RolePolicy: { Policy: string } } }).DryRunResult.RolePolicy.Policy), { Version: "1", Statement: [] });
    assert.equal((await listServices.run(t.ctx(supplier), { RegionId: R })).TotalCount, before);
    await assert.rejects(
      createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: urlMetadata("https://t.example/missing.yaml"), DryRun: true }),
      invalid("DeployMetadata", "TEMPLATE_UNREADABLE"),
    );

    const { ServiceId } = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", VersionName: "before" });
    const dryUpdate = await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: ServiceId!, VersionName: "after", DryRun: true });
    assertMatchesModel(dryUpdate, loadModel("computenestsupplier", "UpdateService", "response"));
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId })).VersionName, "before");
  });

  test("the same ClientToken returns the same service; with other parameters it is a mismatch", async () => {
    const input = { RegionId: R, DeployType: "ros", VersionName: "idem", ClientToken: "token-123" };
    const first = await createService.run(t.ctx(supplier), input);
    const second = await createService.run(t.ctx(supplier), input);
    assert.equal(second.ServiceId, first.ServiceId);
    await assert.rejects(createService.run(t.ctx(supplier), { ...input, VersionName: "other" }), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.code, "IDEMPOTENT_PARAMETER_MISMATCH");
      return true;
    });
    const stranger = await t.account();
    assert.notEqual((await createService.run(t.ctx(stranger), input)).ServiceId, first.ServiceId);
  });

  test("UpdateService re-reads templates only when DeployMetadata or DeployType is given", async () => {
    const { ServiceId } = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", DeployMetadata: urlMetadata("https://t.example/hello.yaml") });
    const reads = source.reads;
    await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: ServiceId!, VersionName: "v2" });
    assert.equal(source.reads, reads);
    await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: ServiceId!, DeployMetadata: urlMetadata("https://t.example/hello.yaml") });
    assert.equal(source.reads, reads + 1);
    const resolved = await t.catalog.resolveDeployment(supplier, ServiceId!, "draft");
    assert.equal(resolved.templateBody, HELLO_TEMPLATE);
  });

  test("CreateService with ServiceId makes a new draft only after the draft was deleted", async () => {
    const { ServiceId } = await createService.run(t.ctx(supplier), {
      RegionId: R,
      DeployType: "ros",
      ServiceInfo: [{ Locale: "en-US", Name: "Redraft" }],
      DeployMetadata: helloDeployMetadata(),
    });
    const id = ServiceId!;
    await assert.rejects(createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", ServiceId: id }), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.code, "SERVICE_DRAFT_EXISTS");
      return true;
    });
    await t.catalog.registerService(supplier, id);
    await t.catalog.deleteService(supplier, id, "draft");
    await assert.rejects(updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, VersionName: "x" }), (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.code, "SERVICE_DRAFT_NOT_FOUND");
      return true;
    });
    const again = await createService.run(t.ctx(supplier), { RegionId: R, DeployType: "ros", ServiceId: id, VersionName: "fresh" });
    assert.equal(again.ServiceId, id);
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id, ServiceVersion: "draft" })).VersionName, "fresh");
  });
});
