// Access control end to end through the official clients against a real `nestbox serve`: RAM
// users and policies (@alicloud/ram20150501), STS AssumeRole and temporary credentials, and the
// vendor's 403 with AccessDeniedDetail on Compute Nest calls (@alicloud/openapi-client).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type { Clock } from "../../../src/core/shared/clock.ts";
import { NativeClient } from "../../../src/cli/native-client.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");
const Ram = require("@alicloud/ram20150501");
const { $OpenApiUtil } = require("@alicloud/openapi-core");

const AK = "LTAIaccesscontrol00000000";
const SECRET = "accesscontrolsecret0000000000000";
const TEMPLATE = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Password:\n    Type: Nestbox::Random::String\n    Properties: {Length: 12}\n";

/** Real time plus an offset the test moves: the engine keeps running, STS sessions can expire. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

interface Key {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

describe("access control through the official clients", () => {
  let s: TestServer;
  let dataDir: string;
  let port: number;
  const clock = new OffsetClock();
  const root: Key = { accessKeyId: AK, accessKeySecret: SECRET };
  let accountA: string;
  let instanceOne: string;
  let instanceTwo: string;
  let reader: Key;

  const ram = (key: Key) =>
    new Ram.default(new $OpenApiUtil.Config({ ...key, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou" }));
  /** ACS3 by default; `v2` signs with signature V1, which sends the token as the SecurityToken parameter. */
  const call = async (key: Key, action: string, version: string, query: Record<string, unknown>, v2 = false) =>
    (
      await new OpenApi.default(
        new OpenApi.Config({ ...key, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou", ...(v2 ? { signatureAlgorithm: "v2" } : {}) }),
      ).callApi(
        new OpenApi.Params({ action, version, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" }),
        new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) }),
        new Util.RuntimeOptions({}),
      )
    ).body;
  const nest = (key: Key, action: string, query: Record<string, unknown>) => call(key, action, "2021-06-01", { RegionId: "cn-hangzhou", ...query });
  const getInstance = (key: Key, id: string) => nest(key, "GetServiceInstance", { ServiceInstanceId: id });

  /** The vendor's RAM denial: 403, Forbidden.RAM, AccessDeniedDetail naming the action. */
  const deniedWith = (action: string, type: "ImplicitDeny" | "ExplicitDeny", principal?: string) => (e: any) => {
    assert.equal(e.code, "Forbidden.RAM", e.message);
    assert.equal(e.data?.statusCode ?? e.statusCode, 403);
    const detail = e.accessDeniedDetail ?? e.data?.AccessDeniedDetail;
    assert.equal(detail.AuthAction, action);
    assert.equal(detail.NoPermissionType, type);
    assert.equal(detail.PolicyType, "AccountLevelIdentityBasedPolicy");
    assert.equal(detail.AuthPrincipalOwnerId, accountA);
    if (principal) assert.equal(detail.AuthPrincipalDisplayName, principal);
    return true;
  };

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" }, { clock });
    port = s.server.port;
    accountA = s.server.operator.accountId;
    const supplier = (action: string, query: Record<string, unknown>) => call(root, action, "2021-05-21", { RegionId: "cn-hangzhou", ...query });
    const created = await supplier("CreateService", {
      DeployType: "ros",
      ShareType: "Public",
      ServiceInfo: [{ Locale: "en-US", Name: "Secrets", ShortDescription: "A random string" }],
      DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
    });
    await supplier("RegisterService", { ServiceId: created.ServiceId });
    await supplier("LaunchService", { ServiceId: created.ServiceId, ServiceVersion: "1" });
    instanceOne = (await nest(root, "CreateServiceInstance", { ServiceId: created.ServiceId, Name: "one" })).ServiceInstanceId;
    instanceTwo = (await nest(root, "CreateServiceInstance", { ServiceId: created.ServiceId, Name: "two" })).ServiceInstanceId;

    const admin = ram(root);
    await admin.createUser(new Ram.CreateUserRequest({ userName: "reader", displayName: "Read Only" }));
    const made = await admin.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: "reader" }));
    reader = { accessKeyId: made.body.accessKey.accessKeyId, accessKeySecret: made.body.accessKey.accessKeySecret };
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("a user without policies is denied; with the read-only policy it reads but cannot create", async () => {
    await assert.rejects(getInstance(reader, instanceOne), deniedWith("computenest:GetServiceInstance", "ImplicitDeny", "reader"));
    await ram(root).attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "System", policyName: "AliyunComputeNestReadOnlyAccess", userName: "reader" }));

    const got = await getInstance(reader, instanceOne);
    assert.equal(got.ServiceInstanceId, instanceOne);
    await assert.rejects(
      nest(reader, "CreateServiceInstance", { ServiceId: "service-00000000000000000000", Name: "nope" }),
      deniedWith("computenest:CreateServiceInstance", "ImplicitDeny", "reader"),
    );
    // The denial is logged with principal, action and resource.
    const line = s.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "Denied request" && l.action === "computenest:CreateServiceInstance");
    assert.equal(line?.principal, "reader");
    assert.equal(line?.resource, `acs:computenest:cn-hangzhou:${accountA}:serviceinstance/*`);
  });

  test("a Deny on one instance's ARN blocks that instance only", async () => {
    const admin = ram(root);
    const document = JSON.stringify({
      Version: "1",
      Statement: [{ Effect: "Deny", Action: "computenest:*", Resource: `acs:computenest:*:${accountA}:serviceinstance/${instanceOne}` }],
    });
    const created = await admin.createPolicy(new Ram.CreatePolicyRequest({ policyName: "deny-one", policyDocument: document, description: "no instance one" }));
    assert.equal(created.body.policy.policyType, "Custom");
    assert.equal(created.body.policy.defaultVersion, "v1");
    await admin.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "deny-one", userName: "reader" }));

    await assert.rejects(getInstance(reader, instanceOne), deniedWith("computenest:GetServiceInstance", "ExplicitDeny"));
    assert.equal((await getInstance(reader, instanceTwo)).ServiceInstanceId, instanceTwo);

    const listed = await admin.listPoliciesForUser(new Ram.ListPoliciesForUserRequest({ userName: "reader" }));
    assert.deepEqual(listed.body.policies.policy.map((p: any) => p.policyName).sort(), ["AliyunComputeNestReadOnlyAccess", "deny-one"]);
    await admin.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest({ policyType: "Custom", policyName: "deny-one", userName: "reader" }));
    assert.equal((await getInstance(reader, instanceOne)).ServiceInstanceId, instanceOne);
  });

  test("a role assumed through STS works with its SecurityToken until it expires, and not after", async () => {
    const admin = ram(root);
    const trust = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${accountA}:root`] } }] });
    const role = await admin.createRole(new Ram.CreateRoleRequest({ roleName: "viewer", assumeRolePolicyDocument: trust }));
    assert.equal(role.body.role.arn, `acs:ram::${accountA}:role/viewer`);
    await admin.attachPolicyToRole(new Ram.AttachPolicyToRoleRequest({ policyType: "System", policyName: "AliyunComputeNestReadOnlyAccess", roleName: "viewer" }));

    const assumed = await call(root, "AssumeRole", "2015-04-01", { RoleArn: role.body.role.arn, RoleSessionName: "sdk-test", DurationSeconds: 900 });
    const c = assumed.Credentials;
    assert.match(c.AccessKeyId, /^STS\./);
    assert.match(c.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(assumed.AssumedRoleUser.Arn, `acs:ram::${accountA}:role/viewer/sdk-test`);
    const session: Key = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };

    assert.equal((await getInstance(session, instanceOne)).ServiceInstanceId, instanceOne);
    const viaV1 = await call(session, "GetServiceInstance", "2021-06-01", { RegionId: "cn-hangzhou", ServiceInstanceId: instanceOne }, true);
    assert.equal(viaV1.ServiceInstanceId, instanceOne);
    await assert.rejects(
      nest(session, "DeleteServiceInstances", { ServiceInstanceId: [instanceOne] }),
      deniedWith("computenest:DeleteServiceInstances", "ImplicitDeny", "viewer:sdk-test"),
    );
    await assert.rejects(getInstance({ ...session, securityToken: undefined }, instanceOne), (e: any) => e.code === "MissingSecurityToken");
    await assert.rejects(getInstance({ ...session, securityToken: "CAISforged" }, instanceOne), (e: any) => e.code === "InvalidSecurityToken.MismatchWithAccessKey");

    clock.offsetMs = 600_000; // ten minutes later: still valid
    assert.equal((await getInstance(session, instanceOne)).ServiceInstanceId, instanceOne);
    clock.offsetMs = 901_000; // past the 900 s session
    await assert.rejects(getInstance(session, instanceOne), (e: any) => e.code === "InvalidSecurityToken.Expired" && (e.data?.statusCode ?? e.statusCode) === 400);
    await assert.rejects(
      call(session, "GetServiceInstance", "2021-06-01", { RegionId: "cn-hangzhou", ServiceInstanceId: instanceOne }, true),
      (e: any) => e.code === "InvalidSecurityToken.Expired",
    );
    clock.offsetMs = 0;

    // A user the trust policy does not name cannot assume the role, whatever its policies.
    await admin.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "System", policyName: "AliyunSTSAssumeRoleAccess", userName: "reader" }));
    const narrow = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${accountA}:user/someone-else`] } }] });
    await admin.updateRole(new Ram.UpdateRoleRequest({ roleName: "viewer", newAssumeRolePolicyDocument: narrow }));
    await assert.rejects(call(reader, "AssumeRole", "2015-04-01", { RoleArn: role.body.role.arn, RoleSessionName: "reader" }), (e: any) => e.code === "NoPermission");
  });

  test("account B sees account A's instance as not found, and none of A's users", async () => {
    const native = new NativeClient(await operatorCredentials(s.server));
    const b = await native.createAccount("account-b");
    const key = await native.createAccessKey(b.accountId);
    const rootB: Key = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
    await assert.rejects(getInstance(rootB, instanceOne), (e: any) => e.code === "ServiceInstanceNotFound" && (e.data?.statusCode ?? e.statusCode) === 404);
    const users = await ram(rootB).listUsers(new Ram.ListUsersRequest({}));
    assert.deepEqual(users.body.users.user, []);
    await assert.rejects(ram(rootB).getUser(new Ram.GetUserRequest({ userName: "reader" })), (e: any) => e.code === "EntityNotExist.User" && e.statusCode === 404);
  });
});
