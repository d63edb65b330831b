import type { Clock } from "../shared/clock.ts";

/** Seconds of history kept per service. */
const HISTORY_SECONDS = 120;

/**
 * Requests per second per service, counted by the invocation gateway and read by the
 * autoscaler. In memory, per process: one-second buckets in a ring, so recording is O(1) and
 * a rate is the mean of the last N whole seconds.
 */
export class RequestRateMeter {
  private readonly rings = new Map<string, { counts: Float64Array; seconds: Float64Array }>();

  constructor(private readonly clock: Clock) {}

  record(serviceId: string, count = 1): void {
    const second = Math.floor(this.clock.now().getTime() / 1000);
    let ring = this.rings.get(serviceId);
    if (!ring) this.rings.set(serviceId, (ring = { counts: new Float64Array(HISTORY_SECONDS), seconds: new Float64Array(HISTORY_SECONDS).fill(-1) }));
    const i = second % HISTORY_SECONDS;
    if (ring.seconds[i] !== second) {
      ring.seconds[i] = second;
      ring.counts[i] = 0;
    }
    ring.counts[i]! += count;
  }

  /** Mean requests per second over the last `windowSeconds` whole seconds (the current one excluded). */
  rate(serviceId: string, windowSeconds: number): number {
    const ring = this.rings.get(serviceId);
    if (!ring || windowSeconds <= 0) return 0;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const span = Math.min(windowSeconds, HISTORY_SECONDS - 1);
    let total = 0;
    for (let s = now - span; s < now; s++) {
      const i = ((s % HISTORY_SECONDS) + HISTORY_SECONDS) % HISTORY_SECONDS;
      if (ring.seconds[i] === s) total += ring.counts[i]!;
    }
    return total / span;
  }

  forget(serviceId: string): void {
    this.rings.delete(serviceId);
  }
}
