/** Crash-loop backoff, as Kubernetes does for containers. */
export interface BackoffPolicy {
  /** Delay before the first restart. Default 1 s. */
  readonly initialMs: number;
  /** Delays double up to this. Default 30 s. */
  readonly maxMs: number;
  /** A replica that ran this long before exiting starts over at `initialMs`. Default 60 s. */
  readonly resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** Delay before restarting after `consecutiveFailures` earlier quick exits: 1 s, 2 s, 4 s … max. */
export const restartDelayMs = (policy: BackoffPolicy, consecutiveFailures: number): number =>
  Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(consecutiveFailures, 30));
