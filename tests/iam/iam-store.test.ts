// Identities, policies, attachments and STS sessions through the services, on SQLite and PostgreSQL.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { Principal } from "../../src/core/accounts/account.ts";
import { AccountService } from "../../src/core/accounts/account-service.ts";
import { IAM_ERRORS } from "../../src/core/iam/iam-errors.ts";
import { IamService } from "../../src/core/iam/iam-service.ts";
import { ManualClock } from "../../src/core/shared/clock.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";
import { AesGcmCipher } from "../../src/storage/crypto/aes-gcm-cipher.ts";
import { SqlAccountRepository } from "../../src/storage/sql/account-repository.ts";
import { SqlIamRepository } from "../../src/storage/sql/iam-repository.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../support/dialects.ts";

const rejectsWith = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });

const trust = (principal: string) => JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { RAM: [principal] } }] });
const policy = (Effect: string, Action: string, Resource = "*") => JSON.stringify({ Version: "1", Statement: [{ Effect, Action, Resource }] });

for (const d of dialectsUnderTest()) {
  describe(`IAM on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let iam: IamService;
    let accounts: AccountService;
    let rootA: Principal;
    let rootB: Principal;
    const clock = new ManualClock(new Date("2026-12-03T10:00:00Z"));

    before(async () => {
      store = await openTestDatabase(d.name);
      const cipher = new AesGcmCipher(randomBytes(32));
      accounts = new AccountService(new SqlAccountRepository(store.db, cipher), clock, { resolveCacheTtlMs: 0 });
      iam = new IamService(new SqlIamRepository(store.db, cipher), accounts, clock);
      const boot = await accounts.bootstrapOperator();
      const op: Principal = { accountId: boot.account.id, type: "Root", displayName: "operator", accessKeyId: boot.key.id, isOperator: true };
      const a = await accounts.createAccount(op, "iam-a");
      const b = await accounts.createAccount(op, "iam-b");
      rootA = { accountId: a.id, type: "Root", displayName: "a", accessKeyId: "k-a", isOperator: false };
      rootB = { accountId: b.id, type: "Root", displayName: "b", accessKeyId: "k-b", isOperator: false };
    });
    after(async () => {
      await store?.close();
    });

    const asUser = (userId: string, accountId = rootA.accountId): Principal => ({ accountId, type: "SubUser", principalId: userId, displayName: userId, accessKeyId: "k-u", isOperator: false });
    const ask = (caller: Principal, action: string, resource = "*") =>
      iam.access.decide({ caller, action, resource, sourceIp: "127.0.0.1", secureTransport: false }).then((x) => x.decision);

    test("users: create, read back, rename, list with markers; names are per account", async () => {
      const alice = await iam.users.createUser(rootA, { userName: "alice", displayName: "Alice", email: "a@example.com" });
      assert.match(alice.id, /^\d{16}$/);
      assert.deepEqual(await iam.users.getUser(rootA, "alice"), alice);
      await rejectsWith(iam.users.createUser(rootA, { userName: "alice" }), IAM_ERRORS.USER_ALREADY_EXISTS);
      await iam.users.createUser(rootB, { userName: "alice" }); // another account: its own namespace
      await rejectsWith(iam.users.getUser(rootB, "bob"), IAM_ERRORS.USER_NOT_FOUND);
      await rejectsWith(iam.users.createUser(rootA, { userName: "no spaces" }), IAM_ERRORS.NAME_INVALID);

      for (const n of ["carol", "dave", "erin"]) await iam.users.createUser(rootA, { userName: n });
      const first = await iam.users.listUsers(rootA, { maxItems: 2 });
      assert.deepEqual(first.items.map((u) => u.name), ["alice", "carol"]);
      assert.ok(first.marker);
      const second = await iam.users.listUsers(rootA, { maxItems: 2, marker: first.marker });
      assert.deepEqual(second.items.map((u) => u.name), ["dave", "erin"]);
      assert.equal(second.marker, undefined);

      clock.advance(1000);
      const renamed = await iam.users.updateUser(rootA, "erin", { newUserName: "erin2", newComments: "x" });
      assert.equal(renamed.comments, "x");
      assert.equal((await iam.users.getUser(rootA, "erin2")).id, renamed.id);
      await rejectsWith(iam.users.updateUser(rootA, "erin2", { newUserName: "alice" }), IAM_ERRORS.USER_ALREADY_EXISTS);
    });

    test("groups and memberships; deletion is refused while in use", async () => {
      await iam.users.createGroup(rootA, "devs", "developers");
      await rejectsWith(iam.users.createGroup(rootA, "devs"), IAM_ERRORS.GROUP_ALREADY_EXISTS);
      await iam.users.addUserToGroup(rootA, "carol", "devs");
      await rejectsWith(iam.users.addUserToGroup(rootA, "carol", "devs"), IAM_ERRORS.USER_ALREADY_IN_GROUP);
      assert.deepEqual((await iam.users.listGroupsForUser(rootA, "carol")).map((g) => g.group.name), ["devs"]);
      assert.deepEqual((await iam.users.listUsersForGroup(rootA, "devs", {})).items.map((m) => m.user.name), ["carol"]);
      await rejectsWith(iam.users.deleteGroup(rootA, "devs"), IAM_ERRORS.GROUP_HAS_USERS);
      await rejectsWith(iam.users.deleteUser(rootA, "carol"), IAM_ERRORS.USER_IN_GROUPS);
      await iam.users.removeUserFromGroup(rootA, "carol", "devs");
      await rejectsWith(iam.users.removeUserFromGroup(rootA, "carol", "devs"), IAM_ERRORS.USER_NOT_IN_GROUP);
      await iam.users.deleteUser(rootA, "carol");
      await iam.users.deleteGroup(rootA, "devs");
      await rejectsWith(iam.users.getGroup(rootA, "devs"), IAM_ERRORS.GROUP_NOT_FOUND);
    });

    test("user access keys: at most two, owned by the user, and a user with keys cannot be deleted", async () => {
      const k1 = await iam.users.createAccessKey(rootA, "dave");
      await iam.users.createAccessKey(rootA, "dave");
      await rejectsWith(iam.users.createAccessKey(rootA, "dave"), IAM_ERRORS.ACCESS_KEY_LIMIT);
      const dave = await iam.users.getUser(rootA, "dave");
      assert.equal((await accounts.resolveAccessKey(k1.id))?.principal.principalId, dave.id);
      await iam.users.updateAccessKey(rootA, k1.id, "Inactive", "dave");
      assert.equal((await iam.users.listAccessKeys(rootA, "dave")).find((k) => k.id === k1.id)?.status, "Inactive");
      await rejectsWith(iam.users.deleteAccessKey(rootA, k1.id, "alice"), IAM_ERRORS.USER_ACCESS_KEY_NOT_FOUND);
      await rejectsWith(iam.users.deleteUser(rootA, "dave"), IAM_ERRORS.USER_HAS_ACCESS_KEYS);
      for (const k of await iam.users.listAccessKeys(rootA, "dave")) await iam.users.deleteAccessKey(rootA, k.id, "dave");
      await iam.users.deleteUser(rootA, "dave");
    });

    test("policies: versions, default, limits; attachments decide access, directly and via groups", async () => {
      const alice = await iam.users.getUser(rootA, "alice");
      const u = asUser(alice.id);
      assert.equal(await ask(u, "computenest:GetServiceInstance"), "ImplicitDeny");

      await iam.policies.attach(rootA, { type: "User", id: alice.id }, "System", "AliyunComputeNestReadOnlyAccess");
      await rejectsWith(iam.policies.attach(rootA, { type: "User", id: alice.id }, "System", "AliyunComputeNestReadOnlyAccess"), IAM_ERRORS.POLICY_ALREADY_ATTACHED_USER);
      assert.equal(await ask(u, "computenest:GetServiceInstance"), "Allow");
      assert.equal(await ask(u, "computenest:CreateServiceInstance"), "ImplicitDeny");

      await iam.policies.createPolicy(rootA, "no-get", policy("Deny", "computenest:Get*"), "denies reads");
      await rejectsWith(iam.policies.createPolicy(rootA, "no-get", policy("Allow", "*")), IAM_ERRORS.POLICY_ALREADY_EXISTS);
      await rejectsWith(iam.policies.createPolicy(rootA, "bad", "{"), IAM_ERRORS.POLICY_DOCUMENT_INVALID);
      const group = await iam.users.createGroup(rootA, "readers");
      await iam.users.addUserToGroup(rootA, "alice", "readers");
      await iam.policies.attach(rootA, { type: "Group", id: group.id }, "Custom", "no-get");
      assert.equal(await ask(u, "computenest:GetServiceInstance"), "ExplicitDeny");
      await rejectsWith(iam.policies.deletePolicy(rootA, "no-get"), IAM_ERRORS.POLICY_ATTACHED_TO_GROUP);

      // A new default version takes effect on the next decision.
      const v2 = await iam.policies.createPolicyVersion(rootA, "no-get", policy("Deny", "computenest:Delete*"), true);
      assert.equal(v2.versionId, "v2");
      assert.equal(await ask(u, "computenest:GetServiceInstance"), "Allow");
      await rejectsWith(iam.policies.deletePolicyVersion(rootA, "no-get", "v2"), IAM_ERRORS.POLICY_VERSION_IS_DEFAULT);
      await iam.policies.setDefaultPolicyVersion(rootA, "no-get", "v1");
      assert.equal(await ask(u, "computenest:GetServiceInstance"), "ExplicitDeny");
      for (let i = 0; i < 3; i++) await iam.policies.createPolicyVersion(rootA, "no-get", policy("Deny", "ecs:*"));
      await rejectsWith(iam.policies.createPolicyVersion(rootA, "no-get", policy("Deny", "ecs:*")), IAM_ERRORS.POLICY_VERSION_LIMIT);
      const rotated = await iam.policies.createPolicyVersion(rootA, "no-get", policy("Deny", "ecs:*"), false, "DeleteOldestNonDefaultVersionWhenLimitExceeded");
      assert.equal(rotated.versionId, "v6");
      const { versions, defaultVersion } = await iam.policies.listPolicyVersions(rootA, "no-get", "Custom");
      assert.deepEqual(versions.map((v) => v.versionId), ["v1", "v3", "v4", "v5", "v6"]);
      assert.equal(defaultVersion, "v1");

      assert.deepEqual((await iam.policies.entitiesFor(rootA, "no-get", "Custom")).groups.map((g) => g.entity.name), ["readers"]);
      await iam.policies.detach(rootA, { type: "Group", id: group.id }, "Custom", "no-get");
      await rejectsWith(iam.policies.detach(rootA, { type: "Group", id: group.id }, "Custom", "no-get"), IAM_ERRORS.POLICY_NOT_ATTACHED_GROUP);
      await rejectsWith(iam.policies.deletePolicy(rootA, "no-get"), IAM_ERRORS.POLICY_HAS_VERSIONS);
      await iam.policies.deletePolicy(rootA, "no-get", true);
      await rejectsWith(iam.policies.getPolicy(rootA, "no-get", "Custom"), IAM_ERRORS.POLICY_NOT_FOUND);
      await rejectsWith(iam.policies.deletePolicy(rootA, "AdministratorAccess"), IAM_ERRORS.SYSTEM_POLICY_READ_ONLY);

      // Account B's custom policies are not A's.
      await iam.policies.createPolicy(rootB, "b-only", policy("Allow", "*"));
      await rejectsWith(iam.policies.attach(rootA, { type: "User", id: alice.id }, "Custom", "b-only"), IAM_ERRORS.POLICY_NOT_FOUND);
      assert.ok((await iam.policies.listPolicies(rootA, undefined)).every((p) => p.name !== "b-only"));
    });

    test("STS: a trusted user assumes a role and gets its policies until expiry", async () => {
      const alice = await iam.users.getUser(rootA, "alice");
      const role = await iam.roles.createRole(rootA, { roleName: "deployer", assumeRolePolicyDocument: trust(`acs:ram::${rootA.accountId}:user/alice`) });
      assert.equal(role.maxSessionDuration, 3600);
      await rejectsWith(iam.roles.createRole(rootA, { roleName: "x", assumeRolePolicyDocument: policy("Allow", "*") }), IAM_ERRORS.TRUST_POLICY_INVALID);
      await iam.policies.attach(rootA, { type: "Role", id: role.id }, "System", "AliyunComputeNestFullAccess");
      const arn = `acs:ram::${rootA.accountId}:role/deployer`;
      const input = { roleArn: arn, roleSessionName: "ci-run", durationSeconds: 900, sourceIp: "127.0.0.1", secureTransport: false };

      // Alice may not call AssumeRole until a policy allows it, and the role must trust her.
      await rejectsWith(iam.sts.assumeRole(asUser(alice.id), input), IAM_ERRORS.ASSUME_ROLE_DENIED);
      await iam.policies.attach(rootA, { type: "User", id: alice.id }, "System", "AliyunSTSAssumeRoleAccess");
      const erin = await iam.users.getUser(rootA, "erin2");
      await iam.policies.attach(rootA, { type: "User", id: erin.id }, "System", "AliyunSTSAssumeRoleAccess");
      await rejectsWith(iam.sts.assumeRole(asUser(erin.id), input), IAM_ERRORS.ASSUME_ROLE_DENIED);
      await rejectsWith(iam.sts.assumeRole(asUser(alice.id), { ...input, durationSeconds: 899 }), IAM_ERRORS.DURATION_INVALID);
      await rejectsWith(iam.sts.assumeRole(asUser(alice.id), { ...input, roleArn: "role/deployer" }), IAM_ERRORS.ROLE_ARN_INVALID);
      await rejectsWith(iam.sts.assumeRole(rootB, { ...input }), IAM_ERRORS.ASSUME_ROLE_DENIED);

      const assumed = await iam.sts.assumeRole(asUser(alice.id), input);
      assert.match(assumed.credential.accessKeyId, /^STS\./);
      assert.equal(assumed.credential.expiresAt.toISOString(), "2026-12-03T10:15:01.000Z");
      assert.equal(assumed.arn, `${arn}/ci-run`);
      const resolved = await iam.sts.resolve(assumed.credential.accessKeyId);
      assert.equal(resolved?.credential.securityToken, assumed.credential.securityToken);
      assert.equal(resolved?.principal.type, "AssumedRoleUser");
      assert.equal(await ask(resolved!.principal, "computenest:CreateServiceInstance"), "Allow");
      assert.equal(await ask(resolved!.principal, "ram:CreateUser"), "ImplicitDeny");

      // A session policy narrows the role's.
      const narrow = await iam.sts.assumeRole(asUser(alice.id), { ...input, roleSessionName: "narrow", policy: policy("Allow", "computenest:Get*") });
      const narrowed = (await iam.sts.resolve(narrow.credential.accessKeyId))!.principal;
      assert.equal(await ask(narrowed, "computenest:GetServiceInstance"), "Allow");
      assert.equal(await ask(narrowed, "computenest:CreateServiceInstance"), "ImplicitDeny");

      await rejectsWith(iam.roles.deleteRole(rootA, "deployer"), IAM_ERRORS.ROLE_HAS_POLICIES);
      assert.equal(await iam.sts.resolve("STS.unknown"), undefined);
    });
  });
}
