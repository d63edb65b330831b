import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { systemClock, type Clock } from "../../core/shared/clock.ts";
import { silentLogger, type Logger } from "../../core/shared/logger.ts";
import type { NonceStore } from "../../faces/shared/ports.ts";
import type { DB } from "./schema.ts";

export interface SqlNonceStoreOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
  /** At most one purge starts per interval in this process. Default 60 s. */
  readonly purgeIntervalMs?: number;
  /** Rows one purge deletes at most, so a purge is one short statement. Default 1000. */
  readonly purgeBatchSize?: number;
}

/** Nonces longer than this are stored as their SHA-256, keeping every key small enough to index. */
const MAX_STORED_NONCE = 128;

/**
 * Replay protection in the store, shared by every process on it (PostgreSQL scale-out; it works on
 * SQLite too). `remember` is one statement:
 *
 *   INSERT INTO signature_nonces VALUES (?, ?)
 *   ON CONFLICT (nonce) DO UPDATE SET expires_at = excluded.expires_at
 *   WHERE signature_nonces.expires_at <= now
 *
 * A row is written (true) when the nonce is new or its earlier use has expired; a live row makes
 * the statement write nothing (false: a replay). The unique key decides, so two processes racing
 * with one nonce get exactly one true. Expired rows are deleted in bounded batches, oldest first,
 * at most once per interval, off the request path; a failed purge is logged and retried later.
 */
export class SqlNonceStore implements NonceStore {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly purgeIntervalMs: number;
  private readonly purgeBatchSize: number;
  private lastPurgeAt = Number.NEGATIVE_INFINITY;
  private purging: Promise<number> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    options: SqlNonceStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
    this.purgeBatchSize = options.purgeBatchSize ?? 1000;
  }

  async remember(nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock.now().getTime();
    const result = await this.db
      .insertInto("signature_nonces")
      .values({ nonce: storedNonce(nonce), expires_at: expiresAt.getTime() })
      .onConflict((oc) =>
        oc
          .column("nonce")
          .doUpdateSet({ expires_at: (eb) => eb.ref("excluded.expires_at") })
          .where("signature_nonces.expires_at", "<=", now),
      )
      .executeTakeFirst();
    this.maybePurge(now);
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * Deletes up to one batch of rows expired before now; returns how many. Exposed for tests and
   * for a sweeper that wants to drain; `remember` calls it on its own schedule.
   */
  async purgeExpired(limit = this.purgeBatchSize): Promise<number> {
    const now = this.clock.now().getTime();
    const result = await this.db
      .deleteFrom("signature_nonces")
      .where("nonce", "in", (eb) =>
        eb
          .selectFrom("signature_nonces")
          .select("nonce")
          .where("expires_at", "<=", now)
          .orderBy("expires_at")
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Resolves when a purge started by `remember` (if any) has finished. */
  async idle(): Promise<void> {
    await this.purging?.catch(() => 0);
  }

  private maybePurge(now: number): void {
    if (this.purging || now - this.lastPurgeAt < this.purgeIntervalMs) return;
    this.lastPurgeAt = now;
    this.purging = this.purgeExpired()
      .then((deleted) => {
        // A full batch means more may be waiting: let the next request start another.
        if (deleted >= this.purgeBatchSize) this.lastPurgeAt = Number.NEGATIVE_INFINITY;
        if (deleted > 0) this.log.debug({ deleted }, "Purged expired signature nonces");
        return deleted;
      })
      .catch((error: unknown) => {
        this.log.warn({ err: error }, "Failed to purge expired signature nonces");
        return 0;
      })
      .finally(() => {
        this.purging = undefined;
      });
  }
}

function storedNonce(nonce: string): string {
  return nonce.length <= MAX_STORED_NONCE ? nonce : "sha256:" + createHash("sha256").update(nonce).digest("hex");
}
