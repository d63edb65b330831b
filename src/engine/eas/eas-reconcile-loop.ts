import type { Logger } from "../../core/shared/logger.ts";

/**
 * Runs the EAS reconciler on a timer (one pass at a time; a pass that is still running when the
 * timer fires is not doubled). `stop` waits for the pass in progress.
 */
export class EasReconcileLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly reconcileAll: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.intervalMs);
    this.timer.unref();
  }

  kick(): void {
    if (this.running || !this.timer) return;
    this.running = this.reconcileAll()
      .catch((e: unknown) => this.log.error({ err: String(e) }, "Failed EAS reconcile pass"))
      .finally(() => {
        this.running = undefined;
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
