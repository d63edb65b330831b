import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../../../core/accounts/account.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import {
  catalogTestContext,
  helloDeployMetadata,
  type CatalogTestContext,
} from "../../../../../tests/conformance/alibaba-rpc/catalog-context.ts";
import { assertMatchesModel, loadModel } from "../../../../../tests/conformance/alibaba-rpc/model-shape.ts";
import createService from "./create-service.ts";
import deleteService from "./delete-service.ts";
import getService from "./get-service.ts";
import getServiceRegistration from "./get-service-registration.ts";
import launchService from "./launch-service.ts";
import listServices from "./list-services.ts";
import registerService from "./register-service.ts";
import updateService from "./update-service.ts";
import withdrawService from "./withdraw-service.ts";

const rejectsWith = (p: Promise<unknown>, kind: string, code: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.equal(e.code, code, e.message);
    return true;
  });

const model = (action: string) => loadModel("computenestsupplier", action, "response");
const R = "cn-hangzhou";

describe("ComputeNestSupplier service operations", () => {
  let t: CatalogTestContext;
  let supplier: Principal;
  let other: Principal;

  before(async () => {
    t = await catalogTestContext();
    supplier = await t.account("Example Supplier");
    other = await t.account();
  });
  after(() => t.close());

  const create = (caller: Principal, extra: Record<string, unknown> = {}) =>
    createService.run(t.ctx(caller), {
      RegionId: R,
      DeployType: "ros",
      ServiceType: "private",
      VersionName: "v1",
      ServiceInfo: [{ Locale: "en-US", Name: "Hello Web", ShortDescription: "Greets", Agreements: [{ Name: "EULA", Url: "https://e" }] }],
      DeployMetadata: helloDeployMetadata(),
      OperationMetadata: '{"PrometheusConfigMap":{}}',
      ComplianceMetadata: '{"CompliancePacks":["p1"]}',
      TrialDuration: 7,
      ShareType: "Public",
      Tag: [{ Key: "team", Value: "web" }],
      ...extra,
    });

  test("CreateService makes a draft whose GetService echoes every field in the SDK's types", async () => {
    const created = await create(supplier);
    assertMatchesModel(created, model("CreateService"));
    assert.match(created.ServiceId!, /^service-[0-9a-f]{20}$/);
    assert.equal(created.Version, "draft");
    assert.equal(created.Status, "Draft");

    t.clock.advance(1000);
    const got = await getService.run(t.ctx(supplier), { ServiceId: created.ServiceId });
    assertMatchesModel(got, model("GetService"));
    assert.equal(got.Version, "draft");
    assert.equal(got.Status, "Draft");
    assert.equal(got.DeployMetadata, helloDeployMetadata());
    assert.equal(got.OperationMetadata, '{"PrometheusConfigMap":{}}');
    assert.deepEqual(got.ComplianceMetadata, { CompliancePacks: ["p1"] });
    assert.equal(got.TrialType, "Trial");
    assert.equal(got.SupplierName, "Example Supplier");
    assert.equal(got.CreateTime, "2026-11-23T10:00:00Z");
    assert.deepEqual(got.Tags, [{ Key: "team", Value: "web" }]);
    assert.deepEqual(got.ServiceInfos?.[0]?.Agreements, [{ Name: "EULA", Url: "https://e" }]);
    assert.equal(got.PublishTime, undefined);
  });

  test("the full publishing flow: update draft, register, launch, withdraw, delete", async () => {
    const { ServiceId } = await create(supplier);
    const id = ServiceId!;
    assert.deepEqual(await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, VersionName: "v1.1" }), {});

    const reg = await registerService.run(t.ctx(supplier), { RegionId: R, ServiceId: id });
    assertMatchesModel(reg, model("RegisterService"));
    const registration = await getServiceRegistration.run(t.ctx(supplier), { RegionId: R, RegistrationId: reg.RegistrationId });
    assertMatchesModel(registration, model("GetServiceRegistration"));
    assert.equal(registration.Status, "Approved", "auto review approves at once");
    assert.equal(registration.ServiceVersion, "1");
    assert.equal(registration.ServiceInfo?.VersionName, "v1.1");

    const v1 = await getService.run(t.ctx(supplier), { ServiceId: id, ServiceVersion: "1" });
    assert.equal(v1.Status, "Approved");
    assert.equal(v1.VersionName, "v1.1");

    const launched = await launchService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1", Categories: ["DevOps"] });
    assertMatchesModel(launched, model("LaunchService"));
    assert.deepEqual(launched, { Version: "1", ServiceLaunchResultType: "PublishNewVersion" });
    const online = await getService.run(t.ctx(supplier), { ServiceId: id });
    assert.equal(online.Version, "1", "the launched version became the default");
    assert.equal(online.Status, "Online");
    assert.equal(online.Categories, "DevOps");
    assert.ok(online.PublishTime);
    assert.equal((await getServiceRegistration.run(t.ctx(supplier), { RegionId: R, RegistrationId: reg.RegistrationId })).Status, "Executed");

    // Published versions are immutable; settings still apply.
    await rejectsWith(
      updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1", VersionName: "x" }),
      "FailedPrecondition",
      "SERVICE_VERSION_IMMUTABLE",
    );
    await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1", ShareType: "Restricted" });
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id })).ShareType, "Restricted");

    await rejectsWith(deleteService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" }), "FailedPrecondition", "SERVICE_STATUS_INVALID");
    assert.deepEqual(await withdrawService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" }), {});
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id, ServiceVersion: "1" })).Status, "Offline");
    const relaunch = await launchService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" });
    assert.equal(relaunch.ServiceLaunchResultType, "PublishOfflineVersion");
    await withdrawService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" });

    await deleteService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" });
    await rejectsWith(getService.run(t.ctx(supplier), { ServiceId: id, ServiceVersion: "1" }), "NotFound", "SERVICE_NOT_FOUND");
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id })).Version, "draft", "the default falls back to the draft");
    await deleteService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "draft" });
    await rejectsWith(getService.run(t.ctx(supplier), { ServiceId: id }), "NotFound", "SERVICE_NOT_FOUND");
  });

  test("version numbers increase with each registration and a newer launch takes the default", async () => {
    const id = (await create(supplier)).ServiceId!;
    await registerService.run(t.ctx(supplier), { RegionId: R, ServiceId: id });
    await launchService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1" });
    await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, VersionName: "v2" });
    await registerService.run(t.ctx(supplier), { RegionId: R, ServiceId: id });
    const launched = await launchService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "draft" });
    assert.equal(launched.Version, "2", "draft names the newest registered version");
    const list = await listServices.run(t.ctx(supplier), { RegionId: R, AllVersions: true, Filter: [{ Name: "ServiceId", Value: [id] }] });
    assertMatchesModel(list, model("ListServices"));
    assert.deepEqual(
      list.Services.map((s) => [s.Version, s.Status, s.DefaultVersion]),
      [["draft", "Draft", false], ["1", "Online", false], ["2", "Online", true]],
    );
    assert.equal(list.Services[0]!.HasDraft, true);
    // Version 1 stays Online, so the draft cannot become the default.
    await rejectsWith(
      updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, IsDefault: true }),
      "FailedPrecondition",
      "SERVICE_STATUS_INVALID",
    );
    await updateService.run(t.ctx(supplier), { RegionId: R, ServiceId: id, ServiceVersion: "1", IsDefault: true });
    assert.equal((await getService.run(t.ctx(supplier), { ServiceId: id })).Version, "1");
  });

  test("registration needs a complete draft and one registration at a time (manual review)", async () => {
    const manual = await catalogTestContext({ reviewMode: "manual" });
    try {
      const owner = await manual.account();
      const operator = await manual.account("operator", { operator: true });
      const empty = await createService.run(manual.ctx(owner), { RegionId: R, DeployType: "ros" });
      await rejectsWith(
        registerService.run(manual.ctx(owner), { RegionId: R, ServiceId: empty.ServiceId! }),
        "FailedPrecondition",
        "SERVICE_DRAFT_INCOMPLETE",
      );
      const { ServiceId } = await createService.run(manual.ctx(owner), {
        RegionId: R,
        DeployType: "ros",
        ServiceInfo: [{ Locale: "en-US", Name: "Manual" }],
        DeployMetadata: helloDeployMetadata(),
      });
      const id = ServiceId!;
      const { RegistrationId } = await registerService.run(manual.ctx(owner), { RegionId: R, ServiceId: id });
      assert.equal((await getServiceRegistration.run(manual.ctx(owner), { RegionId: R, RegistrationId })).Status, "Submitted");
      await rejectsWith(registerService.run(manual.ctx(owner), { RegionId: R, ServiceId: id }), "Conflict", "SERVICE_REGISTRATION_IN_PROGRESS");
      await rejectsWith(launchService.run(manual.ctx(owner), { RegionId: R, ServiceId: id, ServiceVersion: "1" }), "FailedPrecondition", "SERVICE_STATUS_INVALID");
      await rejectsWith(manual.catalog.approveRegistration(owner, id, "1"), "PermissionDenied", "SERVICE_REVIEW_FORBIDDEN");
      const approved = await manual.catalog.approveRegistration(operator, id, "1");
      assert.equal(approved.status, "Approved");
      assert.equal((await launchService.run(manual.ctx(owner), { RegionId: R, ServiceId: id, ServiceVersion: "1" })).Version, "1");
    } finally {
      await manual.close();
    }
  });

  test("deleting a version under review cancels its registration", async () => {
    const manual = await catalogTestContext({ reviewMode: "manual" });
    try {
      const owner = await manual.account();
      const { ServiceId } = await createService.run(manual.ctx(owner), {
        RegionId: R,
        DeployType: "ros",
        ServiceInfo: [{ Locale: "en-US", Name: "Cancel me" }],
        DeployMetadata: helloDeployMetadata(),
      });
      const { RegistrationId } = await registerService.run(manual.ctx(owner), { RegionId: R, ServiceId: ServiceId! });
      await deleteService.run(manual.ctx(owner), { RegionId: R, ServiceId: ServiceId!, ServiceVersion: "1" });
      assert.equal((await getServiceRegistration.run(manual.ctx(owner), { RegionId: R, RegistrationId })).Status, "Canceled");
      // The next registration is allowed and takes the next number.
      const again = await registerService.run(manual.ctx(owner), { RegionId: R, ServiceId: ServiceId! });
      assert.equal((await getServiceRegistration.run(manual.ctx(owner), { RegionId: R, RegistrationId: again.RegistrationId })).ServiceVersion, "2");
    } finally {
      await manual.close();
    }
  });

  test("another account's service does not exist for the caller", async () => {
    const id = (await create(supplier)).ServiceId!;
    await rejectsWith(getService.run(t.ctx(other), { ServiceId: id }), "NotFound", "SERVICE_NOT_FOUND");
    await rejectsWith(updateService.run(t.ctx(other), { RegionId: R, ServiceId: id, VersionName: "x" }), "NotFound", "SERVICE_NOT_FOUND");
    await rejectsWith(registerService.run(t.ctx(other), { RegionId: R, ServiceId: id }), "NotFound", "SERVICE_NOT_FOUND");
    await rejectsWith(deleteService.run(t.ctx(other), { RegionId: R, ServiceId: id, ServiceVersion: "draft" }), "NotFound", "SERVICE_NOT_FOUND");
    const reg = await registerService.run(t.ctx(supplier), { RegionId: R, ServiceId: id });
    await rejectsWith(
      getServiceRegistration.run(t.ctx(other), { RegionId: R, RegistrationId: reg.RegistrationId }),
      "NotFound",
      "SERVICE_REGISTRATION_NOT_FOUND",
    );
    const theirs = await listServices.run(t.ctx(other), { RegionId: R, Filter: [{ Name: "ServiceId", Value: [id] }] });
    assert.deepEqual(theirs.Services, []);
    assert.equal(theirs.TotalCount, 0);
  });

  test("GetService by ServiceName finds the caller's service by any locale's name", async () => {
    const id = (await create(supplier, { ServiceInfo: [{ Locale: "en-US", Name: "Unique Finder" }, { Locale: "zh-CN", Name: "唯一" }] })).ServiceId!;
    assert.equal((await getService.run(t.ctx(supplier), { ServiceName: "unique finder" })).ServiceId, id);
    assert.equal((await getService.run(t.ctx(supplier), { ServiceName: "唯一" })).ServiceId, id);
    await rejectsWith(getService.run(t.ctx(other), { ServiceName: "Unique Finder" }), "NotFound", "SERVICE_NOT_FOUND");
  });
});
