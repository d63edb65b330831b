import type { Clock } from "../shared/clock.ts";
import { DomainError, isDomainError, notFound } from "../shared/domain-error.ts";
import { newAccessKeyId, newAccessKeySecret, newAccountId } from "../shared/ids.ts";
import { AccessKeyCache, principalOf, type AccessKeyResolution } from "./access-key-cache.ts";
import type { AccessKey, AccessKeyStatus, Account, AccountRepository, Principal } from "./account.ts";
import { ACCOUNT_ERRORS } from "./account-errors.ts";
import {
  MAX_ACCESS_KEY_ID_LENGTH,
  canActOnAccount,
  canManageRootKeys,
  isOperatorRoot,
  permissionDenied,
  validateAccountName,
  validateExplicitAccessKey,
  validateUserId,
} from "./account-rules.ts";

export type { AccessKeyResolution } from "./access-key-cache.ts";

/** An access key as listed: everything but the secret, which is shown once, at creation. */
export type AccessKeySummary = Omit<AccessKey, "secret">;

export interface BootstrapResult {
  readonly account: Account;
  /** The operator's root key, secret included (for the credentials file). */
  readonly key: AccessKey;
  /** true when this call wrote the operator account or the returned key. */
  readonly created: boolean;
}

export interface AccountServiceOptions {
  /** How long a resolved access key is reused without reading the store; 0 disables. Default 2000. */
  readonly resolveCacheTtlMs?: number;
  /** Bound on cached access key ids. Default 10000. */
  readonly resolveCacheMaxEntries?: number;
}

export const OPERATOR_ACCOUNT_NAME = "operator";
const ID_ATTEMPTS = 3;

/**
 * Accounts and access keys. Rules: only the operator's root creates accounts and acts across
 * accounts; anyone else sees only their own account, and another account's things do not exist
 * for them (NotFound, as DESIGN.md "Identity and access" says). A root's keys are managed by that
 * root or the operator's root. Finer rights (which user may manage which keys) are IAM's, checked
 * by the face before these calls.
 */
export class AccountService {
  private readonly cache: AccessKeyCache;

  constructor(
    private readonly repo: AccountRepository,
    private readonly clock: Clock,
    options: AccountServiceOptions = {},
  ) {
    this.cache = new AccessKeyCache(clock, options.resolveCacheTtlMs ?? 2000, options.resolveCacheMaxEntries ?? 10_000);
  }

  /** Operator's root only (PermissionDenied OPERATOR_ROOT_REQUIRED). Names are unique (AlreadyExists). */
  async createAccount(caller: Principal, name: string): Promise<Account> {
    if (!isOperatorRoot(caller)) {
      throw permissionDenied(ACCOUNT_ERRORS.OPERATOR_ROOT_REQUIRED, "Only the operator's root may create accounts.");
    }
    const validName = validateAccountName(name);
    return this.withFreshId(ACCOUNT_ERRORS.ACCOUNT_ALREADY_EXISTS, async () => {
      const account: Account = { id: newAccountId(), name: validName, isOperator: false, createdAt: this.clock.now() };
      await this.repo.createAccount(account);
      return account;
    });
  }

  /** The operator's root sees every account; anyone else a list holding their own. */
  async listAccounts(caller: Principal): Promise<Account[]> {
    if (isOperatorRoot(caller)) return this.repo.listAccounts();
    const own = await this.repo.getAccount(caller.accountId);
    return own ? [own] : [];
  }

  /** NotFound ACCOUNT_NOT_FOUND when missing or not the caller's to see. */
  async getAccount(caller: Principal, accountId: string): Promise<Account> {
    const account = canActOnAccount(caller, accountId) ? await this.repo.getAccount(accountId) : undefined;
    if (!account) throw notFound(ACCOUNT_ERRORS.ACCOUNT_NOT_FOUND, `Account ${accountId} does not exist.`, { accountId });
    return account;
  }

  /**
   * A new active key for the account's root (`userId` undefined) or one of its users. The result
   * carries the secret: the only time it is shown. The user's existence is the caller's to check.
   */
  async createAccessKey(caller: Principal, accountId: string, userId?: string): Promise<AccessKey> {
    await this.getAccount(caller, accountId);
    if (userId === undefined) this.requireRootKeyRights(caller, accountId);
    else validateUserId(userId);
    const key = await this.withFreshId(ACCOUNT_ERRORS.ACCESS_KEY_ALREADY_EXISTS, () =>
      this.insertKey({ id: newAccessKeyId(), secret: newAccessKeySecret() }, accountId, userId),
    );
    return key;
  }

  /** Keys of the account's root (`userId` undefined) or of one user, oldest first, without secrets. */
  async listAccessKeys(caller: Principal, accountId: string, userId?: string): Promise<AccessKeySummary[]> {
    await this.getAccount(caller, accountId);
    if (userId !== undefined) validateUserId(userId);
    return (await this.repo.listAccessKeys(accountId, userId)).map(summarize);
  }

  disableAccessKey(caller: Principal, accessKeyId: string): Promise<AccessKeySummary> {
    return this.setStatus(caller, accessKeyId, "Inactive");
  }

  enableAccessKey(caller: Principal, accessKeyId: string): Promise<AccessKeySummary> {
    return this.setStatus(caller, accessKeyId, "Active");
  }

  /** NotFound when missing or not the caller's; FailedPrecondition for the operator's last active root key. */
  async deleteAccessKey(caller: Principal, accessKeyId: string): Promise<void> {
    const key = await this.requireManageableKey(caller, accessKeyId);
    await this.refuseLastOperatorRootKey(key);
    const deleted = await this.repo.deleteAccessKey(key.id);
    this.cache.forget(key.id);
    if (!deleted) throw keyNotFound(accessKeyId);
  }

  /**
   * First start: makes sure the operator account and a root key exist. Safe to repeat and to run
   * from several processes at once. With an explicit key, that key (id and secret as given) is
   * made an active root key of the operator, next to any others; a stored key of that id with
   * another secret is replaced, one naming another principal is a Conflict (ACCESS_KEY_IN_USE).
   * Without one, the oldest active root key is returned, or a generated one is created.
   * Reading the stored key opens its sealed secret, so a wrong master key fails here, at start.
   */
  async bootstrapOperator(explicit: { accessKeyId?: string; accessKeySecret?: string } = {}): Promise<BootstrapResult> {
    const wanted =
      explicit.accessKeyId === undefined && explicit.accessKeySecret === undefined
        ? undefined
        : validateExplicitAccessKey(explicit.accessKeyId, explicit.accessKeySecret);
    const { account, created } = await this.ensureOperatorAccount();

    if (wanted === undefined) {
      const active = (await this.repo.listAccessKeys(account.id)).find((k) => k.status === "Active");
      if (active) return { account, key: active, created };
      const key = await this.withFreshId(ACCOUNT_ERRORS.ACCESS_KEY_ALREADY_EXISTS, () =>
        this.insertKey({ id: newAccessKeyId(), secret: newAccessKeySecret() }, account.id, undefined),
      );
      return { account, key, created: true };
    }

    for (let attempt = 0; ; attempt++) {
      const existing = await this.repo.getAccessKey(wanted.id);
      if (existing && (existing.accountId !== account.id || existing.userId !== undefined)) {
        throw new DomainError(
          "Conflict",
          ACCOUNT_ERRORS.ACCESS_KEY_IN_USE,
          `Access key ${wanted.id} belongs to another principal; it cannot become the operator's root key.`,
          { parameter: "AccessKeyId" },
        );
      }
      if (existing && existing.secret === wanted.secret) {
        if (existing.status === "Active") return { account, key: existing, created };
        await this.repo.setAccessKeyStatus(existing.id, "Active");
        this.cache.forget(existing.id);
        return { account, key: { ...existing, status: "Active" }, created: true };
      }
      if (existing) {
        await this.repo.deleteAccessKey(existing.id); // the configured secret wins
        this.cache.forget(existing.id);
      }
      try {
        return { account, key: await this.insertKey(wanted, account.id, undefined), created: true };
      } catch (e) {
        // Another process bootstrapping the same store wrote it first: read it again.
        if (!isCode(e, ACCOUNT_ERRORS.ACCESS_KEY_ALREADY_EXISTS) || attempt >= ID_ATTEMPTS) throw e;
      }
    }
  }

  /**
   * The access key, its account and the principal it names, for signature checks; undefined when
   * unknown. Inactive keys resolve too (the face answers "disabled"). Cached for a couple of
   * seconds; this process's own changes are seen at once.
   */
  resolveAccessKey(accessKeyId: string): Promise<AccessKeyResolution | undefined> {
    if (accessKeyId.length === 0 || accessKeyId.length > MAX_ACCESS_KEY_ID_LENGTH) return Promise.resolve(undefined);
    return this.cache.get(accessKeyId, async () => {
      const key = await this.repo.getAccessKey(accessKeyId);
      const account = key && (await this.repo.getAccount(key.accountId));
      return key && account ? { key, account, principal: principalOf(account, key) } : undefined;
    });
  }

  /** Drops a cached resolution, for slices that change keys through the repository directly. */
  invalidateAccessKey(accessKeyId: string): void {
    this.cache.forget(accessKeyId);
  }

  private async setStatus(caller: Principal, accessKeyId: string, status: AccessKeyStatus): Promise<AccessKeySummary> {
    const key = await this.requireManageableKey(caller, accessKeyId);
    if (status === "Inactive") await this.refuseLastOperatorRootKey(key);
    const updated = await this.repo.setAccessKeyStatus(key.id, status);
    this.cache.forget(key.id);
    if (!updated) throw keyNotFound(accessKeyId);
    return summarize({ ...key, status });
  }

  private async requireManageableKey(caller: Principal, accessKeyId: string): Promise<AccessKey> {
    const key =
      accessKeyId.length > 0 && accessKeyId.length <= MAX_ACCESS_KEY_ID_LENGTH
        ? await this.repo.getAccessKey(accessKeyId)
        : undefined;
    if (!key || !canActOnAccount(caller, key.accountId)) throw keyNotFound(accessKeyId);
    if (key.userId === undefined) this.requireRootKeyRights(caller, key.accountId);
    return key;
  }

  private requireRootKeyRights(caller: Principal, accountId: string): void {
    if (!canManageRootKeys(caller, accountId)) {
      throw permissionDenied(ACCOUNT_ERRORS.ROOT_REQUIRED, "Only the account's root may manage the root's access keys.");
    }
  }

  /** Disabling or deleting the operator's last active root key would lock everyone out for good. */
  private async refuseLastOperatorRootKey(key: AccessKey): Promise<void> {
    if (key.userId !== undefined || key.status !== "Active") return;
    const account = await this.repo.getAccount(key.accountId);
    if (!account?.isOperator) return;
    const others = (await this.repo.listAccessKeys(key.accountId)).filter((k) => k.id !== key.id && k.status === "Active");
    if (others.length === 0) {
      throw new DomainError(
        "FailedPrecondition",
        ACCOUNT_ERRORS.LAST_OPERATOR_ROOT_KEY,
        "This is the operator's last active root access key; create another before disabling or deleting it.",
        { accessKeyId: key.id },
      );
    }
  }

  private async ensureOperatorAccount(): Promise<{ account: Account; created: boolean }> {
    const found = await this.findOperator();
    if (found) return { account: found, created: false };
    const account: Account = { id: newAccountId(), name: OPERATOR_ACCOUNT_NAME, isOperator: true, createdAt: this.clock.now() };
    try {
      await this.repo.createAccount(account);
      return { account, created: true };
    } catch (e) {
      // Another process created it first (at most one operator account is stored).
      const winner = isDomainError(e) && e.kind === "AlreadyExists" ? await this.findOperator() : undefined;
      if (!winner) throw e;
      return { account: winner, created: false };
    }
  }

  private async findOperator(): Promise<Account | undefined> {
    return (await this.repo.listAccounts()).find((a) => a.isOperator);
  }

  private async insertKey(
    given: { id: string; secret: string },
    accountId: string,
    userId: string | undefined,
  ): Promise<AccessKey> {
    const key: AccessKey = {
      id: given.id,
      accountId,
      ...(userId === undefined ? {} : { userId }),
      secret: given.secret,
      status: "Active",
      createdAt: this.clock.now(),
    };
    await this.repo.createAccessKey(key);
    this.cache.forget(key.id); // a cached "unknown" must not outlive the key's creation
    return key;
  }

  /** Random ids collide about never; retry a couple of times on the duplicate code rather than fail. */
  private async withFreshId<T>(duplicateCode: string, attempt: () => Promise<T>): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (e) {
        if (i >= ID_ATTEMPTS || !isCode(e, duplicateCode)) throw e;
      }
    }
  }
}

const isCode = (e: unknown, code: string): boolean => isDomainError(e) && e.code === code;

const keyNotFound = (accessKeyId: string) =>
  notFound(ACCOUNT_ERRORS.ACCESS_KEY_NOT_FOUND, `Access key ${accessKeyId} does not exist.`, { accessKeyId });

function summarize(key: AccessKey): AccessKeySummary {
  const { secret: _secret, ...rest } = key;
  return rest;
}
