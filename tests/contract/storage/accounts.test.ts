import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { AccessKey, Account } from "../../../src/core/accounts/account.ts";
import { AccountService } from "../../../src/core/accounts/account-service.ts";
import { ManualClock } from "../../../src/core/shared/clock.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { newAccessKeyId, newAccountId } from "../../../src/core/shared/ids.ts";
import { AesGcmCipher, SealedSecretError } from "../../../src/storage/crypto/aes-gcm-cipher.ts";
import { SqlAccountRepository } from "../../../src/storage/sql/account-repository.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../../support/dialects.ts";

const rejectsWith = (p: Promise<unknown>, kind: string, code: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.equal(e.code, code);
    return true;
  });

let seq = 0;
const at = (offsetMs: number) => new Date(Date.UTC(2026, 10, 23, 10) + offsetMs);
const account = (over: Partial<Account> = {}): Account => ({
  id: newAccountId(),
  name: `account-${++seq}-${randomBytes(3).toString("hex")}`,
  isOperator: false,
  createdAt: at(seq * 1000 + 123),
  ...over,
});
const accessKey = (accountId: string, over: Partial<AccessKey> = {}): AccessKey => ({
  id: newAccessKeyId(),
  accountId,
  secret: randomBytes(15).toString("hex"),
  status: "Active",
  createdAt: at(++seq * 1000 + 7),
  ...over,
});

for (const d of dialectsUnderTest()) {
  describe(`SqlAccountRepository on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    const cipher = new AesGcmCipher(randomBytes(32));
    let repo: SqlAccountRepository;

    before(async () => {
      store = await openTestDatabase(d.name);
      repo = new SqlAccountRepository(store.db, cipher);
    });
    after(async () => {
      await store?.close();
    });

    test("an account reads back as written, to the millisecond", async () => {
      const a = account({ createdAt: new Date(Date.UTC(2026, 10, 23, 10, 11, 12, 345)) });
      await repo.createAccount(a);
      assert.deepEqual(await repo.getAccount(a.id), a);
      assert.equal(await repo.getAccount(newAccountId()), undefined);
    });

    test("a duplicate account id is AlreadyExists and leaves the first intact", async () => {
      const a = account();
      await repo.createAccount(a);
      await rejectsWith(repo.createAccount({ ...a, name: a.name + "-2" }), "AlreadyExists", "ACCOUNT_ALREADY_EXISTS");
      assert.equal((await repo.getAccount(a.id))?.name, a.name);
    });

    test("account names are unique", async () => {
      const a = account();
      await repo.createAccount(a);
      await rejectsWith(repo.createAccount(account({ name: a.name })), "AlreadyExists", "ACCOUNT_NAME_ALREADY_EXISTS");
    });

    test("there is at most one operator account", async () => {
      const op = account({ isOperator: true });
      await repo.createAccount(op);
      assert.equal((await repo.getAccount(op.id))?.isOperator, true);
      await rejectsWith(repo.createAccount(account({ isOperator: true })), "AlreadyExists", "OPERATOR_ALREADY_EXISTS");
    });

    test("accounts list oldest first and count matches", async () => {
      const later = account({ createdAt: at(10_000_000) });
      const earlier = account({ createdAt: at(-10_000_000) });
      await repo.createAccount(later);
      await repo.createAccount(earlier);
      const list = await repo.listAccounts();
      assert.equal(list[0]?.id, earlier.id);
      assert.equal(list[list.length - 1]?.id, later.id);
      assert.equal(await repo.countAccounts(), list.length);
    });

    test("access keys read back with their secret; a root key has no userId", async () => {
      const a = account();
      await repo.createAccount(a);
      const root = accessKey(a.id);
      const user = accessKey(a.id, { userId: "u-1", status: "Inactive", lastUsedAt: at(99) });
      await repo.createAccessKey(root);
      await repo.createAccessKey(user);
      const readRoot = await repo.getAccessKey(root.id);
      assert.deepEqual(readRoot, root);
      assert.ok(readRoot && !("userId" in readRoot));
      assert.deepEqual(await repo.getAccessKey(user.id), user);
      assert.equal(await repo.getAccessKey("LTAIdoesnotexist"), undefined);
    });

    test("secrets are stored sealed, never as plain text", async () => {
      const a = account();
      await repo.createAccount(a);
      const key = accessKey(a.id);
      await repo.createAccessKey(key);
      const row = await store.db.selectFrom("access_keys").select("secret_sealed").where("id", "=", key.id).executeTakeFirstOrThrow();
      assert.ok(!row.secret_sealed.includes(key.secret));
      assert.equal(cipher.open(row.secret_sealed), key.secret);
    });

    test("a repository with another master key cannot read the secrets", async () => {
      const a = account();
      await repo.createAccount(a);
      const key = accessKey(a.id);
      await repo.createAccessKey(key);
      const wrong = new SqlAccountRepository(store.db, new AesGcmCipher(randomBytes(32)));
      await assert.rejects(wrong.getAccessKey(key.id), SealedSecretError);
    });

    test("a duplicate access key id is AlreadyExists; a key for a missing account is NotFound", async () => {
      const a = account();
      await repo.createAccount(a);
      const key = accessKey(a.id);
      await repo.createAccessKey(key);
      await rejectsWith(repo.createAccessKey({ ...key, secret: "other" }), "AlreadyExists", "ACCESS_KEY_ALREADY_EXISTS");
      assert.equal((await repo.getAccessKey(key.id))?.secret, key.secret);
      await rejectsWith(repo.createAccessKey(accessKey(newAccountId())), "NotFound", "ACCOUNT_NOT_FOUND");
    });

    test("listAccessKeys separates the root's keys from each user's, oldest first", async () => {
      const a = account();
      const b = account();
      await repo.createAccount(a);
      await repo.createAccount(b);
      const r2 = accessKey(a.id, { createdAt: at(5000) });
      const r1 = accessKey(a.id, { createdAt: at(1000) });
      const u1 = accessKey(a.id, { userId: "alice" });
      const u2 = accessKey(a.id, { userId: "bob" });
      const elsewhere = accessKey(b.id);
      for (const k of [r2, r1, u1, u2, elsewhere]) await repo.createAccessKey(k);
      assert.deepEqual((await repo.listAccessKeys(a.id)).map((k) => k.id), [r1.id, r2.id]);
      assert.deepEqual((await repo.listAccessKeys(a.id, "alice")).map((k) => k.id), [u1.id]);
      assert.deepEqual((await repo.listAccessKeys(a.id, "carol")).map((k) => k.id), []);
      assert.deepEqual((await repo.listAccessKeys(b.id)).map((k) => k.id), [elsewhere.id]);
    });

    test("status changes and deletes report whether a key was there", async () => {
      const a = account();
      await repo.createAccount(a);
      const key = accessKey(a.id);
      await repo.createAccessKey(key);
      assert.equal(await repo.setAccessKeyStatus(key.id, "Inactive"), true);
      assert.equal((await repo.getAccessKey(key.id))?.status, "Inactive");
      assert.equal(await repo.setAccessKeyStatus(key.id, "Active"), true);
      assert.equal((await repo.getAccessKey(key.id))?.status, "Active");
      assert.equal(await repo.deleteAccessKey(key.id), true);
      assert.equal(await repo.deleteAccessKey(key.id), false);
      assert.equal(await repo.setAccessKeyStatus(key.id, "Inactive"), false);
      assert.equal(await repo.getAccessKey(key.id), undefined);
    });

    test("a second process on the store sees the first one's writes", async () => {
      const second = store.reopen();
      try {
        const a = account();
        await repo.createAccount(a);
        const key = accessKey(a.id);
        await repo.createAccessKey(key);
        const repo2 = new SqlAccountRepository(second.db, cipher);
        assert.deepEqual(await repo2.getAccount(a.id), a);
        assert.deepEqual(await repo2.getAccessKey(key.id), key);
        await rejectsWith(repo2.createAccessKey(key), "AlreadyExists", "ACCESS_KEY_ALREADY_EXISTS");
      } finally {
        await second.close();
      }
    });
  });

  describe(`AccountService.bootstrapOperator on ${d.name}`, { skip: d.skip }, () => {
    test("two processes bootstrapping an empty store at once end with one operator and one root key", async () => {
      const store = await openTestDatabase(d.name);
      const second = store.reopen();
      try {
        const cipher = new AesGcmCipher(randomBytes(32));
        const clock = new ManualClock();
        const services = [store, second, store, second].map(
          (s) => new AccountService(new SqlAccountRepository(s.db, cipher), clock),
        );
        const explicit = { accessKeyId: "ci-root", accessKeySecret: "ci-secret" };
        const results = await Promise.all(services.map((s) => s.bootstrapOperator(explicit)));
        const repo = new SqlAccountRepository(store.db, cipher);
        const operators = (await repo.listAccounts()).filter((a) => a.isOperator);
        assert.equal(operators.length, 1);
        assert.ok(results.every((r) => r.account.id === operators[0]!.id && r.key.id === "ci-root"));
        assert.deepEqual((await repo.listAccessKeys(operators[0]!.id)).map((k) => [k.id, k.secret]), [["ci-root", "ci-secret"]]);
      } finally {
        await second.close();
        await store.close();
      }
    });

    test("a restart with another master key fails at bootstrap with a clear error", async () => {
      const store = await openTestDatabase(d.name);
      try {
        const clock = new ManualClock();
        await new AccountService(new SqlAccountRepository(store.db, new AesGcmCipher(randomBytes(32))), clock).bootstrapOperator();
        const restarted = new AccountService(new SqlAccountRepository(store.db, new AesGcmCipher(randomBytes(32))), clock);
        await assert.rejects(restarted.bootstrapOperator(), (e: unknown) => {
          assert.ok(e instanceof SealedSecretError);
          assert.match(e.message, /master key/);
          return true;
        });
      } finally {
        await store.close();
      }
    });
  });
}
