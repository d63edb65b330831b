import type { Logger } from "../../core/shared/logger.ts";

/**
 * Renews a run's lease every third of its length, so it survives two missed beats (a slow store,
 * a long GC pause). When a renewal is refused the lease is gone (another worker took over, or the
 * workflow was cancelled) and `onLost` runs once; a renewal that errors is only logged, since the
 * fenced writes will refuse a run whose lease really expired. Returns the function that stops it.
 */
export function startLeaseHeartbeat(options: {
  renew: () => Promise<boolean>;
  leaseMs: number;
  onLost: () => void;
  log: Logger;
}): () => void {
  let stopped = false;
  let busy = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    options
      .renew()
      .then(
        (held) => {
          if (!held && !stopped) {
            stopped = true;
            clearInterval(timer);
            options.onLost();
          }
        },
        (err: unknown) => options.log.warn({ err: String(err) }, "Failed to renew workflow lease"),
      )
      .finally(() => (busy = false));
  }, Math.max(10, Math.floor(options.leaseMs / 3)));
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
