import type { Logger } from "../core/shared/logger.ts";

/** The part of MarketReconciler the sweeper drives (core/market/market-reconciler.ts). */
export interface MarketSweep {
  sweep(limit?: number): Promise<{ expired: number; closed: number; reconciled: number }>;
}

export interface MarketSweeperOptions {
  /** Time between the end of one sweep and the start of the next. Default 1000 ms. */
  readonly intervalMs?: number;
  readonly log: Logger;
}

/**
 * Runs the Marketplace sweep periodically: instances whose EndOn passed become EXPIRED (their
 * service instance stopped), those past the grace period CLOSED (released), and purchases
 * waiting on Compute Nest are reconciled. Time is the core's Clock, so tests travel in time by
 * moving a ManualClock and calling `sweepNow()` instead of waiting. One sweep at a time; a
 * failed sweep is logged and the next one runs as usual. Several processes on one store may
 * sweep at once: every change is a compare-and-set, so each instance moves once.
 */
export class MarketSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly target: MarketSweep,
    private readonly options: MarketSweeperOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Waits for a sweep in progress; no sweep starts afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep now (after the one in progress, if any). */
  async sweepNow(): Promise<{ expired: number; closed: number; reconciled: number }> {
    await this.running;
    let result = { expired: 0, closed: 0, reconciled: 0 };
    const run = (async () => {
      result = await this.target.sweep();
    })();
    this.running = run.catch(() => undefined);
    await run;
    return result;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sweepNow()
        .catch((e: unknown) => this.options.log.error({ err: e instanceof Error ? e.message : String(e) }, "Failed to sweep MarketInstances"))
        .finally(() => this.schedule());
    }, this.options.intervalMs ?? 1000);
    this.timer.unref();
  }
}
