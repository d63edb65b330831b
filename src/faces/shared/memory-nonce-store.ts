import type { Clock } from "../../core/shared/clock.ts";
import { systemClock } from "../../core/shared/clock.ts";
import type { NonceStore } from "./ports.ts";

/**
 * Nonce memory for one process (the embedded store is locked to one process). Expired entries
 * are swept at most once a minute; past `maxEntries` the oldest are dropped first, which only
 * forgets nonces older than any still in the window under normal load.
 */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly maxEntries = 2_000_000,
  ) {}

  async remember(nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.clock.now().getTime();
    const known = this.seen.get(nonce);
    if (known !== undefined && known > now) return false;
    if (now - this.lastSweep > 60_000 || this.seen.size >= this.maxEntries) this.sweep(now);
    this.seen.set(nonce, expiresAt.getTime());
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [nonce, expires] of this.seen) if (expires <= now) this.seen.delete(nonce);
    for (const nonce of this.seen.keys()) {
      if (this.seen.size < this.maxEntries) break;
      this.seen.delete(nonce);
    }
  }
}
