import type { Clock } from "../shared/clock.ts";
import type { AccessKey, Account, Principal } from "./account.ts";

/** What a signature check needs about an access key id: its secret and status, and who it names. */
export interface AccessKeyResolution {
  readonly key: AccessKey;
  readonly account: Account;
  readonly principal: Principal;
}

/**
 * A short-lived, bounded cache of lookups (found and not found alike), so the request hot path
 * does not read the store for every signature. Entries hold the lookup's promise, so concurrent
 * requests for one id share a single read; a failed read is not cached. Another process's change
 * is seen once the TTL passes; this process's changes call `forget`.
 */
export class AccessKeyCache {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<AccessKeyResolution | undefined> }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(id: string, load: () => Promise<AccessKeyResolution | undefined>): Promise<AccessKeyResolution | undefined> {
    if (this.ttlMs <= 0) return load();
    const now = this.clock.now().getTime();
    const hit = this.entries.get(id);
    if (hit && hit.expiresAt > now) return hit.value;

    const value = load();
    this.entries.delete(id); // re-inserted last, so Map order stays oldest-first for eviction
    this.entries.set(id, { expiresAt: now + this.ttlMs, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Root keys name the account's root; a user's key names that RAM user (its id doubles as display name). */
export function principalOf(account: Account, key: AccessKey): Principal {
  if (key.userId === undefined) {
    return {
      accountId: account.id,
      type: "Root",
      displayName: account.name,
      accessKeyId: key.id,
      isOperator: account.isOperator,
    };
  }
  return {
    accountId: account.id,
    type: "SubUser",
    principalId: key.userId,
    displayName: key.userId,
    accessKeyId: key.id,
    isOperator: account.isOperator,
  };
}
