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
import addServiceSharedAccounts from "./add-service-shared-accounts.ts";
import createService from "./create-service.ts";
import listServiceSharedAccounts from "./list-service-shared-accounts.ts";
import removeServiceSharedAccounts from "./remove-service-shared-accounts.ts";

const R = "cn-hangzhou";
const code = (expected: string) => (e: unknown) => e instanceof DomainError && e.code === expected;

describe("ComputeNestSupplier shared accounts", () => {
  let t: CatalogTestContext;
  let supplier: Principal;
  let serviceId: string;

  before(async () => {
    t = await catalogTestContext();
    supplier = await t.account();
    serviceId = (
      await createService.run(t.ctx(supplier), {
        RegionId: R,
        DeployType: "ros",
        ShareType: "Restricted",
        DeployMetadata: helloDeployMetadata(),
      })
    ).ServiceId!;
  });
  after(() => t.close());

  test("accounts are added, listed page by page in the SDK's shape, updated and removed", async () => {
    const uids = ["1000000000000001", "1000000000000002", "1000000000000003"];
    await addServiceSharedAccounts.run(t.ctx(supplier), {
      RegionId: R,
      ServiceId: serviceId,
      SharedAccounts: uids.map((u) => ({ UserAliUid: u, Permission: "Accessible" })),
    });
    t.clock.advance(1000);
    await addServiceSharedAccounts.run(t.ctx(supplier), {
      RegionId: R,
      ServiceId: serviceId,
      SharedAccounts: [{ UserAliUid: uids[0]!, Permission: "Deployable" }],
    });

    const first = await listServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId, MaxResults: 2 });
    assertMatchesModel(first, loadModel("computenestsupplier", "ListServiceSharedAccounts", "response"));
    assert.equal(first.ShareAccount.length, 2);
    assert.equal(first.TotalCount, 3);
    assert.equal(first.MaxResults, 2);
    assert.notEqual(first.NextToken, "");
    const rest = await listServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId, MaxResults: 2, NextToken: first.NextToken });
    assert.equal(rest.ShareAccount.length, 1);
    assert.equal(rest.NextToken, "");
    assert.deepEqual(new Set([...first.ShareAccount, ...rest.ShareAccount].map((a) => a.UserAliUid)), new Set(uids));

    const deployable = await listServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, Permission: "Deployable" });
    assert.deepEqual(deployable.ShareAccount.map((a) => a.UserAliUid), [uids[0]]);
    const one = await listServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, Filter: [{ Name: "UserAliUid", Value: [uids[1]!] }] });
    assert.deepEqual(one.ShareAccount.map((a) => a.Permission), ["Accessible"]);

    await removeServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId, UserAliUids: [uids[1]!, uids[2]!] });
    const left = await listServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId });
    assert.deepEqual(left.ShareAccount.map((a) => a.UserAliUid), [uids[0]]);
  });

  test("bad permissions, non-numeric ids, the Reseller type and foreign services are refused", async () => {
    await assert.rejects(
      addServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId, SharedAccounts: [{ UserAliUid: "1", Permission: "Owner" }] }),
      code("INVALID_ARGUMENT"),
    );
    await assert.rejects(
      addServiceSharedAccounts.run(t.ctx(supplier), { RegionId: R, ServiceId: serviceId, SharedAccounts: [{ UserAliUid: "abc", Permission: "Deployable" }] }),
      code("INVALID_ARGUMENT"),
    );
    await assert.rejects(
      addServiceSharedAccounts.run(t.ctx(supplier), {
        RegionId: R,
        ServiceId: serviceId,
        Type: "Reseller",
        SharedAccounts: [{ UserAliUid: "1", Permission: "Deployable" }],
      }),
      (e: unknown) => e instanceof DomainError && e.details.parameter === "Type",
    );
    const stranger = await t.account();
    await assert.rejects(
      addServiceSharedAccounts.run(t.ctx(stranger), { RegionId: R, ServiceId: serviceId, SharedAccounts: [{ UserAliUid: "1", Permission: "Deployable" }] }),
      code("SERVICE_NOT_FOUND"),
    );
    await assert.rejects(listServiceSharedAccounts.run(t.ctx(stranger), { RegionId: R, ServiceId: serviceId }), code("SERVICE_NOT_FOUND"));
    assert.equal((await listServiceSharedAccounts.run(t.ctx(stranger), { RegionId: R })).TotalCount, 0);
  });
});
