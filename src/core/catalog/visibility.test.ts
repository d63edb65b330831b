import { test } from "node:test";
import assert from "node:assert/strict";
import type { Service, SharedAccount } from "./service.ts";
import type { ServiceVersion } from "./service-version.ts";
import { viewerPermission } from "./visibility.ts";

const now = new Date(0);
const service = (over: Partial<Service> = {}): Service => ({
  id: "service-00000000000000000001",
  ownerAccountId: "100",
  regionId: "cn-hangzhou",
  shareType: "Public",
  approvalType: "AutoPass",
  tags: [],
  defaultVersion: "1",
  lastVersionNumber: 1,
  hasDraft: true,
  revision: 1,
  createdAt: now,
  updatedAt: now,
  ...over,
});
const version = (over: Partial<ServiceVersion> = {}): ServiceVersion => ({
  serviceId: "service-00000000000000000001",
  version: "1",
  seq: 1,
  status: "Online",
  deployType: "ros",
  serviceType: "private",
  serviceInfos: [],
  isSupportOperated: false,
  localeConfigs: [],
  resellable: false,
  templates: {},
  categories: [],
  createdAt: now,
  updatedAt: now,
  ...over,
});
const share = (accountId: string, permission: SharedAccount["permission"]): SharedAccount => ({
  serviceId: "service-00000000000000000001",
  accountId,
  permission,
  createdAt: now,
  updatedAt: now,
});

test("the owner sees every live version, even drafts of hidden services", () => {
  assert.equal(viewerPermission("100", service({ shareType: "Hidden" }), version({ version: "draft", status: "Draft" }), undefined), "Deployable");
});

test("others see only Online versions of Public services", () => {
  assert.equal(viewerPermission("200", service(), version(), undefined), "Deployable");
  for (const status of ["Draft", "Submitted", "Approved", "Offline"] as const) {
    assert.equal(viewerPermission("200", service(), version({ status }), undefined), undefined, status);
  }
});

test("restricted and hidden services are visible only to the shared accounts, with their permission", () => {
  for (const shareType of ["Restricted", "OnlyFormalRestricted", "OnlyTrailRestricted", "Hidden"] as const) {
    assert.equal(viewerPermission("200", service({ shareType }), version(), undefined), undefined, shareType);
    assert.equal(viewerPermission("200", service({ shareType }), version(), share("200", "Accessible")), "Accessible");
    assert.equal(viewerPermission("200", service({ shareType }), version(), share("300", "Deployable")), undefined);
  }
});

test("deleted services and versions are visible to no one", () => {
  assert.equal(viewerPermission("100", service({ deletedAt: now }), version(), undefined), undefined);
  assert.equal(viewerPermission("100", service(), version({ status: "Deleted", deletedAt: now }), undefined), undefined);
});
