import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { AccessKey, AccessKeyStatus, Account, Principal } from "./account.ts";
import { AccountService } from "./account-service.ts";
import { InMemoryAccountRepository } from "./in-memory-account-repository.ts";

/** Counts reads so the cache's effect is observable. */
class CountingRepository extends InMemoryAccountRepository {
  keyReads = 0;
  override async getAccessKey(id: string): Promise<AccessKey | undefined> {
    this.keyReads++;
    return super.getAccessKey(id);
  }
  /** Changes a key behind the service's back, as another process would. */
  async externalSetStatus(id: string, status: AccessKeyStatus) {
    return super.setAccessKeyStatus(id, status);
  }
}

const rejectsWith = (p: Promise<unknown>, kind: string, code: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.equal(e.code, code);
    return true;
  });

function rootOf(account: Account, accessKeyId = "LTAIroot"): Principal {
  return { accountId: account.id, type: "Root", displayName: account.name, accessKeyId, isOperator: account.isOperator };
}
function userOf(account: Account, userId: string): Principal {
  return { accountId: account.id, type: "SubUser", principalId: userId, displayName: userId, accessKeyId: "LTAIuser", isOperator: account.isOperator };
}

async function setup() {
  const repo = new CountingRepository();
  const clock = new ManualClock(new Date("2026-11-23T10:00:00Z"));
  const service = new AccountService(repo, clock, { resolveCacheTtlMs: 2000 });
  const boot = await service.bootstrapOperator();
  const operator = rootOf(boot.account, boot.key.id);
  clock.advance(1000);
  const acme = await service.createAccount(operator, "acme");
  const acmeRoot = rootOf(acme);
  clock.advance(1000);
  const other = await service.createAccount(operator, "other");
  return { repo, clock, service, boot, operator, acme, acmeRoot, other, otherRoot: rootOf(other) };
}

describe("bootstrapOperator", () => {
  test("creates the operator account and an active root key on an empty store, once", async () => {
    const service = new AccountService(new InMemoryAccountRepository(), new ManualClock());
    const first = await service.bootstrapOperator();
    assert.equal(first.created, true);
    assert.equal(first.account.isOperator, true);
    assert.equal(first.key.accountId, first.account.id);
    assert.equal(first.key.userId, undefined);
    assert.equal(first.key.status, "Active");
    assert.match(first.key.id, /^LTAI[A-Za-z0-9]{20}$/);
    assert.match(first.key.secret, /^[A-Za-z0-9]{30}$/);

    const again = await service.bootstrapOperator();
    assert.equal(again.created, false);
    assert.equal(again.account.id, first.account.id);
    assert.equal(again.key.id, first.key.id);
    assert.equal(again.key.secret, first.key.secret);
  });

  test("uses an explicit key as given, and repeating it changes nothing", async () => {
    const service = new AccountService(new InMemoryAccountRepository(), new ManualClock());
    const first = await service.bootstrapOperator({ accessKeyId: "testid", accessKeySecret: "testsecret" });
    assert.equal(first.key.id, "testid");
    assert.equal(first.key.secret, "testsecret");
    const again = await service.bootstrapOperator({ accessKeyId: "testid", accessKeySecret: "testsecret" });
    assert.equal(again.created, false);
    assert.equal(again.key.id, "testid");
  });

  test("an explicit key that differs from the stored one is added next to it", async () => {
    const repo = new InMemoryAccountRepository();
    const service = new AccountService(repo, new ManualClock());
    const generated = await service.bootstrapOperator();
    const explicit = await service.bootstrapOperator({ accessKeyId: "ci-key", accessKeySecret: "ci-secret" });
    assert.equal(explicit.created, true);
    assert.equal(explicit.account.id, generated.account.id);
    const ids = (await repo.listAccessKeys(generated.account.id)).map((k) => k.id).sort();
    assert.deepEqual(ids, ["ci-key", generated.key.id].sort());
  });

  test("an explicit key id stored with another secret gets the configured secret and is active", async () => {
    const service = new AccountService(new InMemoryAccountRepository(), new ManualClock());
    const boot = await service.bootstrapOperator({ accessKeyId: "ci-key", accessKeySecret: "old-secret" });
    await service.createAccessKey(rootOf(boot.account), boot.account.id); // so ci-key is not the last one
    await service.disableAccessKey(rootOf(boot.account), "ci-key");
    const next = await service.bootstrapOperator({ accessKeyId: "ci-key", accessKeySecret: "new-secret" });
    assert.equal(next.key.secret, "new-secret");
    const resolved = await service.resolveAccessKey("ci-key");
    assert.equal(resolved?.key.secret, "new-secret");
    assert.equal(resolved?.key.status, "Active");
  });

  test("an explicit key id owned by another account is a conflict", async () => {
    const { service, acme, acmeRoot } = await setup();
    const key = await service.createAccessKey(acmeRoot, acme.id);
    await rejectsWith(service.bootstrapOperator({ accessKeyId: key.id, accessKeySecret: "whatever" }), "Conflict", "ACCESS_KEY_IN_USE");
  });

  test("half an explicit key, or a malformed one, is an invalid argument", async () => {
    const service = new AccountService(new InMemoryAccountRepository(), new ManualClock());
    await rejectsWith(service.bootstrapOperator({ accessKeyId: "only-id" }), "InvalidArgument", "INVALID_ACCESS_KEY_SECRET");
    await rejectsWith(service.bootstrapOperator({ accessKeyId: "bad id", accessKeySecret: "s" }), "InvalidArgument", "INVALID_ACCESS_KEY_ID");
    await rejectsWith(service.bootstrapOperator({ accessKeyId: "id", accessKeySecret: "has space" }), "InvalidArgument", "INVALID_ACCESS_KEY_SECRET");
  });
});

describe("accounts", () => {
  test("only the operator's root creates accounts", async () => {
    const { service, acmeRoot, boot } = await setup();
    await rejectsWith(service.createAccount(acmeRoot, "x"), "PermissionDenied", "OPERATOR_ROOT_REQUIRED");
    await rejectsWith(service.createAccount(userOf(boot.account, "admin"), "x"), "PermissionDenied", "OPERATOR_ROOT_REQUIRED");
  });

  test("a created account is a plain account stamped with the clock", async () => {
    const { service, operator, clock } = await setup();
    const account = await service.createAccount(operator, "Globex 株式会社");
    assert.equal(account.isOperator, false);
    assert.equal(account.name, "Globex 株式会社");
    assert.match(account.id, /^\d{16}$/);
    assert.equal(account.createdAt.getTime(), clock.now().getTime());
  });

  test("names are 1 to 64 characters without control characters or outer spaces", async () => {
    const { service, operator } = await setup();
    for (const bad of ["", "x".repeat(65), " padded", "tab\there", "new\nline"]) {
      await rejectsWith(service.createAccount(operator, bad), "InvalidArgument", "INVALID_ACCOUNT_NAME");
    }
    await service.createAccount(operator, "y".repeat(64));
  });

  test("a taken name is AlreadyExists", async () => {
    const { service, operator } = await setup();
    await rejectsWith(service.createAccount(operator, "acme"), "AlreadyExists", "ACCOUNT_NAME_ALREADY_EXISTS");
  });

  test("the operator lists every account, anyone else only their own", async () => {
    const { service, operator, acmeRoot, acme } = await setup();
    assert.deepEqual((await service.listAccounts(operator)).map((a) => a.name), ["operator", "acme", "other"]);
    assert.deepEqual((await service.listAccounts(acmeRoot)).map((a) => a.id), [acme.id]);
    assert.deepEqual((await service.listAccounts(userOf(acme, "u1"))).map((a) => a.id), [acme.id]);
  });

  test("another account is not found for a non-operator", async () => {
    const { service, acmeRoot, other, operator } = await setup();
    await rejectsWith(service.getAccount(acmeRoot, other.id), "NotFound", "ACCOUNT_NOT_FOUND");
    assert.equal((await service.getAccount(operator, other.id)).name, "other");
  });
});

describe("access keys", () => {
  test("a root creates keys for itself and its users; the secret is shown at creation only", async () => {
    const { service, acme, acmeRoot } = await setup();
    const rootKey = await service.createAccessKey(acmeRoot, acme.id);
    const userKey = await service.createAccessKey(acmeRoot, acme.id, "u1");
    assert.equal(rootKey.userId, undefined);
    assert.equal(userKey.userId, "u1");
    assert.ok(rootKey.secret.length > 0);
    const listed = await service.listAccessKeys(acmeRoot, acme.id);
    assert.deepEqual(listed.map((k) => k.id), [rootKey.id]);
    assert.ok(listed.every((k) => !("secret" in k)));
    assert.deepEqual((await service.listAccessKeys(acmeRoot, acme.id, "u1")).map((k) => k.id), [userKey.id]);
  });

  test("another account's keys do not exist for the caller; the operator's root manages any", async () => {
    const { service, acme, acmeRoot, other, otherRoot, operator } = await setup();
    await rejectsWith(service.createAccessKey(acmeRoot, other.id), "NotFound", "ACCOUNT_NOT_FOUND");
    await rejectsWith(service.listAccessKeys(acmeRoot, other.id), "NotFound", "ACCOUNT_NOT_FOUND");
    const key = await service.createAccessKey(otherRoot, other.id);
    await rejectsWith(service.disableAccessKey(acmeRoot, key.id), "NotFound", "ACCESS_KEY_NOT_FOUND");
    await rejectsWith(service.deleteAccessKey(acmeRoot, key.id), "NotFound", "ACCESS_KEY_NOT_FOUND");
    assert.equal((await service.disableAccessKey(operator, key.id)).status, "Inactive");
    const forAcme = await service.createAccessKey(operator, acme.id);
    assert.equal(forAcme.accountId, acme.id);
  });

  test("a user cannot create or manage the root's keys, but can manage users' keys", async () => {
    const { service, acme, acmeRoot } = await setup();
    const user = userOf(acme, "u1");
    await rejectsWith(service.createAccessKey(user, acme.id), "PermissionDenied", "ROOT_REQUIRED");
    const rootKey = await service.createAccessKey(acmeRoot, acme.id);
    await rejectsWith(service.disableAccessKey(user, rootKey.id), "PermissionDenied", "ROOT_REQUIRED");
    await rejectsWith(service.deleteAccessKey(user, rootKey.id), "PermissionDenied", "ROOT_REQUIRED");
    const own = await service.createAccessKey(user, acme.id, "u1");
    assert.equal((await service.disableAccessKey(user, own.id)).status, "Inactive");
    await service.deleteAccessKey(user, own.id);
  });

  test("disable, enable and delete change the stored key; unknown keys are not found", async () => {
    const { service, repo, acme, acmeRoot } = await setup();
    const key = await service.createAccessKey(acmeRoot, acme.id);
    const disabled = await service.disableAccessKey(acmeRoot, key.id);
    assert.equal(disabled.status, "Inactive");
    assert.ok(!("secret" in disabled));
    assert.equal((await repo.getAccessKey(key.id))?.status, "Inactive");
    assert.equal((await service.enableAccessKey(acmeRoot, key.id)).status, "Active");
    await service.deleteAccessKey(acmeRoot, key.id);
    assert.equal(await repo.getAccessKey(key.id), undefined);
    await rejectsWith(service.deleteAccessKey(acmeRoot, key.id), "NotFound", "ACCESS_KEY_NOT_FOUND");
    await rejectsWith(service.enableAccessKey(acmeRoot, "LTAInope"), "NotFound", "ACCESS_KEY_NOT_FOUND");
  });

  test("a malformed user id is an invalid argument", async () => {
    const { service, acme, acmeRoot } = await setup();
    await rejectsWith(service.createAccessKey(acmeRoot, acme.id, "bad user"), "InvalidArgument", "INVALID_USER_ID");
  });

  test("the operator's last active root key cannot be disabled or deleted", async () => {
    const { service, operator, boot } = await setup();
    await rejectsWith(service.disableAccessKey(operator, boot.key.id), "FailedPrecondition", "LAST_OPERATOR_ROOT_KEY");
    await rejectsWith(service.deleteAccessKey(operator, boot.key.id), "FailedPrecondition", "LAST_OPERATOR_ROOT_KEY");
    await service.createAccessKey(operator, boot.account.id);
    await service.deleteAccessKey(operator, boot.key.id);
  });
});

describe("resolveAccessKey", () => {
  test("resolves a root key to the account's root and a user key to that user", async () => {
    const { service, acme, acmeRoot } = await setup();
    const rootKey = await service.createAccessKey(acmeRoot, acme.id);
    const userKey = await service.createAccessKey(acmeRoot, acme.id, "u1");
    const root = await service.resolveAccessKey(rootKey.id);
    assert.equal(root?.key.secret, rootKey.secret);
    assert.deepEqual(root?.principal, { accountId: acme.id, type: "Root", displayName: "acme", accessKeyId: rootKey.id, isOperator: false });
    const user = await service.resolveAccessKey(userKey.id);
    assert.equal(user?.principal.type, "SubUser");
    assert.equal(user?.principal.principalId, "u1");
    assert.equal(user?.account.id, acme.id);
  });

  test("unknown and absurdly long ids resolve to undefined", async () => {
    const { service, repo } = await setup();
    assert.equal(await service.resolveAccessKey("LTAIunknown"), undefined);
    const reads = repo.keyReads;
    assert.equal(await service.resolveAccessKey("x".repeat(129)), undefined);
    assert.equal(repo.keyReads, reads, "no store read for an impossible id");
  });

  test("repeated lookups inside the TTL read the store once; after it, again", async () => {
    const { service, repo, clock, boot } = await setup();
    const before = repo.keyReads;
    await Promise.all([service.resolveAccessKey(boot.key.id), service.resolveAccessKey(boot.key.id)]);
    await service.resolveAccessKey(boot.key.id);
    assert.equal(repo.keyReads, before + 1);
    clock.advance(2001);
    await service.resolveAccessKey(boot.key.id);
    assert.equal(repo.keyReads, before + 2);
  });

  test("another process's change shows after the TTL; a local disable or delete at once", async () => {
    const { service, repo, clock, acme, acmeRoot } = await setup();
    const key = await service.createAccessKey(acmeRoot, acme.id);
    assert.equal((await service.resolveAccessKey(key.id))?.key.status, "Active");
    await repo.externalSetStatus(key.id, "Inactive");
    assert.equal((await service.resolveAccessKey(key.id))?.key.status, "Active", "cached within the TTL");
    clock.advance(2500);
    assert.equal((await service.resolveAccessKey(key.id))?.key.status, "Inactive");

    await service.enableAccessKey(acmeRoot, key.id);
    assert.equal((await service.resolveAccessKey(key.id))?.key.status, "Active");
    await service.disableAccessKey(acmeRoot, key.id);
    assert.equal((await service.resolveAccessKey(key.id))?.key.status, "Inactive");
    await service.deleteAccessKey(acmeRoot, key.id);
    assert.equal(await service.resolveAccessKey(key.id), undefined);
  });

  test("a cached miss does not hide a key created here afterwards", async () => {
    const { service } = await setup();
    assert.equal(await service.resolveAccessKey("ci-key-2"), undefined);
    await service.bootstrapOperator({ accessKeyId: "ci-key-2", accessKeySecret: "s" });
    assert.equal((await service.resolveAccessKey("ci-key-2"))?.principal.isOperator, true);
  });

  test("the cache stays within its bound", async () => {
    const repo = new InMemoryAccountRepository();
    const service = new AccountService(repo, new ManualClock(), { resolveCacheMaxEntries: 3 });
    for (let i = 0; i < 10; i++) await service.resolveAccessKey(`missing-${i}`);
    // Indirect: the newest entry is still cached, the oldest was evicted (forces a re-read).
    let reads = 0;
    const original = repo.getAccessKey.bind(repo);
    repo.getAccessKey = async (id) => (reads++, original(id));
    await service.resolveAccessKey("missing-9");
    assert.equal(reads, 0);
    await service.resolveAccessKey("missing-0");
    assert.equal(reads, 1);
  });
});
