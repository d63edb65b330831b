// The RAM API (2015-05-01) through the official @alicloud/ram20150501 client against a real
// `nestbox serve`: users, access keys, groups, roles, policies with versions and attachments,
// and RAM's own error codes.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const Ram = require("@alicloud/ram20150501");
const { $OpenApiUtil } = require("@alicloud/openapi-core");

const AK = "LTAIramapitest00000000000";
const SECRET = "ramapitestsecret00000000000000000";
const RAM_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const fails = (code: string, status: number) => (e: any) => {
  assert.equal(e.code, code, e.message);
  assert.equal(e.statusCode, status);
  return true;
};

describe("RAM through @alicloud/ram20150501", () => {
  let s: TestServer;
  let dataDir: string;
  let ram: any;
  let accountId: string;

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
    accountId = s.server.operator.accountId;
    ram = new Ram.default(
      new $OpenApiUtil.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${s.server.port}`, protocol: "http", regionId: "cn-hangzhou" }),
    );
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("users: create, get, update, list with markers, delete", async () => {
    const created = (await ram.createUser(new Ram.CreateUserRequest({ userName: "alice", displayName: "Alice", email: "alice@example.com", comments: "first" }))).body;
    assert.match(created.requestId, /^[0-9A-F-]{36}$/);
    assert.match(created.user.userId, /^\d{16}$/);
    assert.equal(created.user.userName, "alice");
    assert.equal(created.user.displayName, "Alice");
    assert.match(created.user.createDate, RAM_DATE);
    await assert.rejects(ram.createUser(new Ram.CreateUserRequest({ userName: "alice" })), fails("EntityAlreadyExists.User", 409));
    await assert.rejects(ram.createUser(new Ram.CreateUserRequest({ userName: "bad name" })), fails("InvalidParameter", 400));

    const got = (await ram.getUser(new Ram.GetUserRequest({ userName: "alice" }))).body.user;
    assert.equal(got.email, "alice@example.com");
    assert.match(got.updateDate, RAM_DATE);
    await assert.rejects(ram.getUser(new Ram.GetUserRequest({ userName: "nobody" })), fails("EntityNotExist.User", 404));

    const updated = (await ram.updateUser(new Ram.UpdateUserRequest({ userName: "alice", newUserName: "alice2", newDisplayName: "Alice Two" }))).body.user;
    assert.equal(updated.userName, "alice2");
    assert.equal(updated.userId, created.user.userId);

    for (const n of ["bob", "carol"]) await ram.createUser(new Ram.CreateUserRequest({ userName: n }));
    const page1 = (await ram.listUsers(new Ram.ListUsersRequest({ maxItems: 2 }))).body;
    assert.equal(page1.isTruncated, true);
    assert.deepEqual(page1.users.user.map((u: any) => u.userName), ["alice2", "bob"]);
    const page2 = (await ram.listUsers(new Ram.ListUsersRequest({ maxItems: 2, marker: page1.marker }))).body;
    assert.equal(page2.isTruncated, false);
    assert.deepEqual(page2.users.user.map((u: any) => u.userName), ["carol"]);

    await ram.deleteUser(new Ram.DeleteUserRequest({ userName: "carol" }));
    await assert.rejects(ram.getUser(new Ram.GetUserRequest({ userName: "carol" })), fails("EntityNotExist.User", 404));
  });

  test("access keys: create (secret shown once), list, disable, delete; at most two per user", async () => {
    const made = (await ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: "bob" }))).body.accessKey;
    assert.match(made.accessKeyId, /^LTAI/);
    assert.ok(made.accessKeySecret.length >= 30);
    assert.equal(made.status, "Active");
    await ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: "bob" }));
    await assert.rejects(ram.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: "bob" })), fails("LimitExceeded.User.AccessKey", 409));

    await ram.updateAccessKey(new Ram.UpdateAccessKeyRequest({ userName: "bob", userAccessKeyId: made.accessKeyId, status: "Inactive" }));
    const listed = (await ram.listAccessKeys(new Ram.ListAccessKeysRequest({ userName: "bob" }))).body.accessKeys.accessKey;
    assert.equal(listed.length, 2);
    assert.equal(listed.find((k: any) => k.accessKeyId === made.accessKeyId).status, "Inactive");
    assert.equal(listed[0].accessKeySecret, undefined);

    await assert.rejects(ram.deleteUser(new Ram.DeleteUserRequest({ userName: "bob" })), fails("DeleteConflict.User.AccessKey", 409));
    await assert.rejects(
      ram.deleteAccessKey(new Ram.DeleteAccessKeyRequest({ userName: "alice2", userAccessKeyId: made.accessKeyId })),
      fails("EntityNotExist.User.AccessKey", 404),
    );
    for (const k of listed) await ram.deleteAccessKey(new Ram.DeleteAccessKeyRequest({ userName: "bob", userAccessKeyId: k.accessKeyId }));
    assert.deepEqual((await ram.listAccessKeys(new Ram.ListAccessKeysRequest({ userName: "bob" }))).body.accessKeys.accessKey, []);
  });

  test("groups and memberships", async () => {
    const group = (await ram.createGroup(new Ram.CreateGroupRequest({ groupName: "devs", comments: "developers" }))).body.group;
    assert.equal(group.groupName, "devs");
    assert.match(group.groupId, /^\d{16}$/);
    await assert.rejects(ram.createGroup(new Ram.CreateGroupRequest({ groupName: "devs" })), fails("EntityAlreadyExists.Group", 409));
    assert.equal((await ram.getGroup(new Ram.GetGroupRequest({ groupName: "devs" }))).body.group.comments, "developers");
    assert.deepEqual((await ram.listGroups(new Ram.ListGroupsRequest({}))).body.groups.group.map((g: any) => g.groupName), ["devs"]);

    await ram.addUserToGroup(new Ram.AddUserToGroupRequest({ userName: "bob", groupName: "devs" }));
    await assert.rejects(ram.addUserToGroup(new Ram.AddUserToGroupRequest({ userName: "bob", groupName: "devs" })), fails("EntityAlreadyExists.User.Group", 409));
    const forUser = (await ram.listGroupsForUser(new Ram.ListGroupsForUserRequest({ userName: "bob" }))).body.groups.group;
    assert.equal(forUser[0].groupName, "devs");
    assert.match(forUser[0].joinDate, RAM_DATE);
    const members = (await ram.listUsersForGroup(new Ram.ListUsersForGroupRequest({ groupName: "devs" }))).body.users.user;
    assert.deepEqual(members.map((u: any) => u.userName), ["bob"]);
    await assert.rejects(ram.deleteGroup(new Ram.DeleteGroupRequest({ groupName: "devs" })), fails("DeleteConflict.Group.User", 409));
    await assert.rejects(ram.deleteUser(new Ram.DeleteUserRequest({ userName: "bob" })), fails("DeleteConflict.User.Group", 409));
    await ram.removeUserFromGroup(new Ram.RemoveUserFromGroupRequest({ userName: "bob", groupName: "devs" }));
    await ram.deleteGroup(new Ram.DeleteGroupRequest({ groupName: "devs" }));
    await assert.rejects(ram.getGroup(new Ram.GetGroupRequest({ groupName: "devs" })), fails("EntityNotExist.Group", 404));
  });

  test("roles: create with a trust policy, get, list, update, delete", async () => {
    const trust = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
    const role = (await ram.createRole(new Ram.CreateRoleRequest({ roleName: "ops", assumeRolePolicyDocument: trust, description: "operators", maxSessionDuration: 7200 }))).body.role;
    assert.equal(role.arn, `acs:ram::${accountId}:role/ops`);
    assert.equal(role.maxSessionDuration, 7200);
    assert.equal(role.assumeRolePolicyDocument, trust);
    await assert.rejects(
      ram.createRole(new Ram.CreateRoleRequest({ roleName: "bad", assumeRolePolicyDocument: "{}" })),
      fails("InvalidParameter.AssumeRolePolicyDocument", 400),
    );
    await assert.rejects(ram.createRole(new Ram.CreateRoleRequest({ roleName: "ops", assumeRolePolicyDocument: trust })), fails("EntityAlreadyExists.Role", 409));
    assert.equal((await ram.getRole(new Ram.GetRoleRequest({ roleName: "ops" }))).body.role.description, "operators");
    assert.deepEqual((await ram.listRoles(new Ram.ListRolesRequest({}))).body.roles.role.map((r: any) => r.roleName), ["ops"]);
    const updated = (await ram.updateRole(new Ram.UpdateRoleRequest({ roleName: "ops", newDescription: "ops team", newMaxSessionDuration: 3600 }))).body.role;
    assert.equal(updated.description, "ops team");
    assert.equal(updated.maxSessionDuration, 3600);
    await ram.deleteRole(new Ram.DeleteRoleRequest({ roleName: "ops" }));
    await assert.rejects(ram.getRole(new Ram.GetRoleRequest({ roleName: "ops" })), fails("EntityNotExist.Role", 404));
  });

  test("policies: system and custom, versions, attachments and the entities of a policy", async () => {
    const system = (await ram.listPolicies(new Ram.ListPoliciesRequest({ policyType: "System" }))).body.policies.policy.map((p: any) => p.policyName);
    for (const name of ["AdministratorAccess", "ReadOnlyAccess", "AliyunComputeNestFullAccess", "AliyunComputeNestReadOnlyAccess", "AliyunRAMFullAccess"]) {
      assert.ok(system.includes(name), name);
    }
    const admin = (await ram.getPolicy(new Ram.GetPolicyRequest({ policyName: "AdministratorAccess", policyType: "System" }))).body;
    assert.equal(JSON.parse(admin.policy.policyDocument).Statement[0].Action[0], "*");
    assert.equal(admin.defaultPolicyVersion.isDefaultVersion, true);

    const doc = (action: string) => JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
    const made = (await ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: "readers", policyDocument: doc("computenest:Get*"), description: "reads" }))).body.policy;
    assert.deepEqual([made.policyType, made.defaultVersion, made.description], ["Custom", "v1", "reads"]);
    await assert.rejects(ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: "broken", policyDocument: "{" })), fails("InvalidParameter.PolicyDocument", 400));
    await assert.rejects(ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: "readers", policyDocument: doc("*") })), fails("EntityAlreadyExists.Policy", 409));

    const v2 = (await ram.createPolicyVersion(new Ram.CreatePolicyVersionRequest({ policyName: "readers", policyDocument: doc("computenest:List*"), setAsDefault: true }))).body.policyVersion;
    assert.deepEqual([v2.versionId, v2.isDefaultVersion], ["v2", true]);
    const versions = (await ram.listPolicyVersions(new Ram.ListPolicyVersionsRequest({ policyName: "readers", policyType: "Custom" }))).body.policyVersions.policyVersion;
    assert.deepEqual(versions.map((v: any) => [v.versionId, v.isDefaultVersion]), [["v1", false], ["v2", true]]);
    const v1 = (await ram.getPolicyVersion(new Ram.GetPolicyVersionRequest({ policyName: "readers", policyType: "Custom", versionId: "v1" }))).body.policyVersion;
    assert.equal(JSON.parse(v1.policyDocument).Statement[0].Action, "computenest:Get*");
    await assert.rejects(ram.deletePolicyVersion(new Ram.DeletePolicyVersionRequest({ policyName: "readers", versionId: "v2" })), fails("DeleteConflict.PolicyVersion.Default", 409));
    await ram.setDefaultPolicyVersion(new Ram.SetDefaultPolicyVersionRequest({ policyName: "readers", versionId: "v1" }));
    await ram.deletePolicyVersion(new Ram.DeletePolicyVersionRequest({ policyName: "readers", versionId: "v2" }));
    await assert.rejects(
      ram.getPolicyVersion(new Ram.GetPolicyVersionRequest({ policyName: "readers", policyType: "Custom", versionId: "v2" })),
      fails("EntityNotExist.Policy.Version", 404),
    );

    await ram.createGroup(new Ram.CreateGroupRequest({ groupName: "auditors" }));
    const trust = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [`acs:ram::${accountId}:root`] } }] });
    await ram.createRole(new Ram.CreateRoleRequest({ roleName: "auditor", assumeRolePolicyDocument: trust }));
    await ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "readers", userName: "alice2" }));
    await ram.attachPolicyToGroup(new Ram.AttachPolicyToGroupRequest({ policyType: "Custom", policyName: "readers", groupName: "auditors" }));
    await ram.attachPolicyToRole(new Ram.AttachPolicyToRoleRequest({ policyType: "Custom", policyName: "readers", roleName: "auditor" }));
    await assert.rejects(
      ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "readers", userName: "alice2" })),
      fails("EntityAlreadyExists.User.Policy", 409),
    );
    await assert.rejects(
      ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "missing", userName: "alice2" })),
      fails("EntityNotExist.Policy", 404),
    );

    const entities = (await ram.listEntitiesForPolicy(new Ram.ListEntitiesForPolicyRequest({ policyName: "readers", policyType: "Custom" }))).body;
    assert.deepEqual(entities.users.user.map((u: any) => u.userName), ["alice2"]);
    assert.deepEqual(entities.groups.group.map((g: any) => g.groupName), ["auditors"]);
    assert.deepEqual(entities.roles.role.map((r: any) => r.arn), [`acs:ram::${accountId}:role/auditor`]);
    const forGroup = (await ram.listPoliciesForGroup(new Ram.ListPoliciesForGroupRequest({ groupName: "auditors" }))).body.policies.policy;
    assert.deepEqual(forGroup.map((p: any) => [p.policyName, p.policyType, p.defaultVersion]), [["readers", "Custom", "v1"]]);
    assert.match(forGroup[0].attachDate, RAM_DATE);
    assert.equal((await ram.listPoliciesForRole(new Ram.ListPoliciesForRoleRequest({ roleName: "auditor" }))).body.policies.policy.length, 1);
    assert.equal((await ram.getPolicy(new Ram.GetPolicyRequest({ policyName: "readers", policyType: "Custom" }))).body.policy.attachmentCount, 3);

    await assert.rejects(ram.deletePolicy(new Ram.DeletePolicyRequest({ policyName: "readers" })), fails("DeleteConflict.Policy.User", 409));
    await assert.rejects(ram.deleteRole(new Ram.DeleteRoleRequest({ roleName: "auditor" })), fails("DeleteConflict.Role.Policy", 409));
    await ram.detachPolicyFromUser(new Ram.DetachPolicyFromUserRequest({ policyType: "Custom", policyName: "readers", userName: "alice2" }));
    await ram.detachPolicyFromGroup(new Ram.DetachPolicyFromGroupRequest({ policyType: "Custom", policyName: "readers", groupName: "auditors" }));
    await ram.detachPolicyFromRole(new Ram.DetachPolicyFromRoleRequest({ policyType: "Custom", policyName: "readers", roleName: "auditor" }));
    await assert.rejects(
      ram.detachPolicyFromRole(new Ram.DetachPolicyFromRoleRequest({ policyType: "Custom", policyName: "readers", roleName: "auditor" })),
      fails("EntityNotExist.Role.Policy", 404),
    );
    await ram.deletePolicy(new Ram.DeletePolicyRequest({ policyName: "readers" }));
    await assert.rejects(ram.getPolicy(new Ram.GetPolicyRequest({ policyName: "readers", policyType: "Custom" })), fails("EntityNotExist.Policy", 404));
  });
});
