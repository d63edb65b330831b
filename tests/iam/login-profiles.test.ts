// Login profiles through the core on SQLite and PostgreSQL: only a salted scrypt hash is stored,
// the password check, per-account scoping, and the row going with its user. Plus the face's ARN
// (global services name no region) and request tags, which need no store.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { Principal } from "../../src/core/accounts/account.ts";
import { AccountService } from "../../src/core/accounts/account-service.ts";
import { IAM_ERRORS } from "../../src/core/iam/iam-errors.ts";
import { IamService } from "../../src/core/iam/iam-service.ts";
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from "../../src/core/iam/password-hash.ts";
import { ManualClock } from "../../src/core/shared/clock.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";
import { requestTagsOf, resourceArn } from "../../src/faces/alibaba-rpc/authorize-operation.ts";
import type { RpcOperation } from "../../src/faces/shared/operation.ts";
import type { RequestContext } from "../../src/faces/shared/request-context.ts";
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

test("password hashes: salted, parameters recorded, verified in constant form", async () => {
  const a = await hashPassword("Same-pass-1");
  const b = await hashPassword("Same-pass-1");
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b, "each hash has its own salt");
  assert.equal(await verifyPassword("Same-pass-1", a), true);
  assert.equal(await verifyPassword("Same-pass-2", a), false);
  assert.equal(await verifyPassword("Same-pass-1", UNMATCHABLE_HASH), false);
  assert.equal(await verifyPassword("x", "bcrypt$whatever"), false);
  assert.equal(await verifyPassword("x", "scrypt$99999999$8$1$AAAA$AAAA"), false, "absurd parameters are refused, not run");
});

test("ARNs: regional services carry the request region, global ones (RAM, STS) none; Tag.N pairs are request tags", () => {
  const ctx = { regionId: "cn-hangzhou", caller: { accountId: "1234" } } as unknown as RequestContext;
  const op = (action: string, resource: string, global?: boolean) => ({ iam: { action, resource, ...(global ? { global } : {}) } }) as unknown as RpcOperation;
  assert.equal(resourceArn(op("computenest:GetServiceInstance", "serviceinstance/{ServiceInstanceId}"), ctx, { ServiceInstanceId: "si-1" }), "acs:computenest:cn-hangzhou:1234:serviceinstance/si-1");
  assert.equal(resourceArn(op("ram:GetUser", "user/{UserName}", true), ctx, { UserName: "bob" }), "acs:ram::1234:user/bob");
  assert.equal(resourceArn(op("ram:ListUsers", "*", true), ctx, {}), "*");
  assert.deepEqual(requestTagsOf({ Tag: [{ Key: "team", Value: "core" }, { Key: "flag" }, { Value: "orphan" }] }), { team: "core", flag: "" });
  assert.equal(requestTagsOf({ ServiceId: "x" }), undefined);
});

for (const d of dialectsUnderTest()) {
  describe(`login profiles on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let iam: IamService;
    let rootA: Principal;
    let rootB: Principal;
    const clock = new ManualClock(new Date("2026-12-03T10:00:00Z"));

    before(async () => {
      store = await openTestDatabase(d.name);
      const cipher = new AesGcmCipher(randomBytes(32));
      const accounts = new AccountService(new SqlAccountRepository(store.db, cipher), clock, { resolveCacheTtlMs: 0 });
      iam = new IamService(new SqlIamRepository(store.db, cipher), accounts, clock);
      const boot = await accounts.bootstrapOperator();
      const op: Principal = { accountId: boot.account.id, type: "Root", displayName: "operator", accessKeyId: boot.key.id, isOperator: true };
      const a = await accounts.createAccount(op, "lp-a");
      const b = await accounts.createAccount(op, "lp-b");
      rootA = { accountId: a.id, type: "Root", displayName: "a", accessKeyId: "k-a", isOperator: false };
      rootB = { accountId: b.id, type: "Root", displayName: "b", accessKeyId: "k-b", isOperator: false };
    });
    after(async () => {
      await store?.close();
    });

    test("create, get, update, delete; only the hash is stored; the check", async () => {
      const user = await iam.users.createUser(rootA, { userName: "erin" });
      await rejectsWith(iam.loginProfiles.get(rootA, "erin"), IAM_ERRORS.LOGIN_PROFILE_NOT_FOUND);
      await rejectsWith(iam.loginProfiles.create(rootA, "erin", { password: "short" }), IAM_ERRORS.PASSWORD_INVALID);
      await rejectsWith(iam.loginProfiles.create(rootA, "nobody", { password: "Long-enough-1" }), IAM_ERRORS.USER_NOT_FOUND);

      const created = await iam.loginProfiles.create(rootA, "erin", { password: "Erin-pass-001", mfaBindRequired: true });
      assert.deepEqual(created, { userName: "erin", passwordResetRequired: false, mfaBindRequired: true, createdAt: clock.now() });
      await rejectsWith(iam.loginProfiles.create(rootA, "erin", { password: "Erin-pass-002" }), IAM_ERRORS.LOGIN_PROFILE_ALREADY_EXISTS);
      const row = await store.db.selectFrom("iam_login_profiles").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^scrypt\$/);
      assert.ok(!row.password_hash.includes("Erin-pass-001"));

      assert.equal((await iam.loginProfiles.checkPassword(rootA.accountId, "erin", "Erin-pass-001"))?.id, user.id);
      assert.equal(await iam.loginProfiles.checkPassword(rootA.accountId, "erin", "Erin-pass-002"), undefined);
      assert.equal(await iam.loginProfiles.checkPassword(rootB.accountId, "erin", "Erin-pass-001"), undefined, "another account's user of that name");
      assert.equal(await iam.loginProfiles.checkPassword(rootA.accountId, "bad name!", "Erin-pass-001"), undefined);
      await rejectsWith(iam.loginProfiles.get(rootB, "erin"), IAM_ERRORS.USER_NOT_FOUND);

      clock.advance(60_000);
      const updated = await iam.loginProfiles.update(rootA, "erin", { password: "Erin-pass-002", passwordResetRequired: true });
      assert.deepEqual(updated, { userName: "erin", passwordResetRequired: true, mfaBindRequired: true, createdAt: created.createdAt });
      assert.equal(await iam.loginProfiles.checkPassword(rootA.accountId, "erin", "Erin-pass-001"), undefined);
      assert.ok(await iam.loginProfiles.checkPassword(rootA.accountId, "erin", "Erin-pass-002"));

      await iam.loginProfiles.delete(rootA, "erin");
      await rejectsWith(iam.loginProfiles.delete(rootA, "erin"), IAM_ERRORS.LOGIN_PROFILE_NOT_FOUND);
      assert.equal(await iam.loginProfiles.checkPassword(rootA.accountId, "erin", "Erin-pass-002"), undefined);
    });

    test("a deleted user takes its login profile with it", async () => {
      const user = await iam.users.createUser(rootA, { userName: "frank" });
      await iam.loginProfiles.create(rootA, "frank", { password: "Frank-pass-01" });
      await iam.users.deleteUser(rootA, "frank");
      const rows = await store.db.selectFrom("iam_login_profiles").select("user_id").where("user_id", "=", user.id).execute();
      assert.deepEqual(rows, []);
    });
  });
}
