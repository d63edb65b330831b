import { QPS_WINDOW_SECONDS } from "./eas-autoscaler.ts";
import { cronMatches, parseCron } from "./eas-cron.ts";
import type { EasContext } from "./eas-deps.ts";
import { instanceViews } from "./eas-replica-view.ts";
import type { ObservedEasReplica } from "./eas-ports.ts";
import type { EasService } from "./eas-service.ts";
import type { EasServiceManager } from "./eas-service-manager.ts";
import { observedStatus } from "./eas-service-status.ts";

/** An operation recorded but not confirmed queued for this long is queued again. */
const RESUBMIT_AFTER_MS = 10_000;

/**
 * Level-triggered upkeep of every service, run by the engine on a timer: moves the status by
 * what the replicas do (Creating -> Waiting, Running <-> Waiting/Failed), records instance
 * crashes as Pod events, queues operations whose workflow was never confirmed, and applies the
 * autoscaler and cron scaler. Running it twice on the same state changes nothing.
 */
export class EasReconciler {
  /** Last RestartCount seen per instance slot, to record each crash once per process. */
  private readonly restarts = new Map<string, number>();
  private readonly lastTick = new Map<string, number>();

  constructor(
    private readonly c: EasContext,
    private readonly services: EasServiceManager,
  ) {}

  async reconcileAll(limit = 1000): Promise<void> {
    for (const s of await this.c.repo.listActive(limit)) {
      await this.reconcile(s).catch((e: unknown) => this.c.deps.log.warn({ serviceId: s.id, err: String(e) }, "Failed to reconcile EAS service"));
    }
  }

  async reconcile(s: EasService): Promise<void> {
    const now = this.c.now();
    if (s.operation && !s.operation.workflowId && now.getTime() - s.operation.requestedAt.getTime() > RESUBMIT_AFTER_MS) {
      await this.services.submit(s);
      return;
    }
    if (s.develop || s.status === "Stopped" || s.status === "Stopping" || s.operation?.kind === "Delete") return;
    const observed = await this.c.runtime.observe(s.id, s.slots);
    // Nothing observed: the processes live on another nestbox sharing the store (or none were
    // made yet); that node's reconciler decides.
    if (observed.length === 0 && s.slots.length > 0) return;
    await this.recordCrashes(s, observed);
    const summary = {
      desired: s.slots.length,
      total: observed.length,
      ready: observed.filter((r) => r.ready).length,
      crashing: observed.filter((r) => r.reason === "CrashLoopBackOff" || r.status === "Failed").length,
    };
    const next = observedStatus(s.status, summary);
    if (next) {
      const done = await this.c.mutate(s.id, (cur) => (cur.status === s.status && cur.updatedAt.getTime() === s.updatedAt.getTime() ? { ...cur, ...next } : undefined));
      if (done && done.after !== done.before) {
        await this.c.event(done.after, { type: next.status === "Failed" ? "Warning" : "Normal", reason: next.status, resource: "Service", message: { versionId: s.currentVersion, message: next.message, availableInstance: summary.ready, unavailableInstance: summary.desired - summary.ready } });
      }
      return;
    }
    if (s.operation || s.status !== "Running") return;
    if (await this.cron(s, now)) return;
    if (s.autoscaler) {
      const target = this.c.autoscaling.decide(s.id, s.autoscaler, s.slots.length, { qps: this.c.meter.rate(s.id, QPS_WINDOW_SECONDS) }, now);
      if (target !== undefined) await this.services.scaleService(s, target, [], "Autoscaler");
    }
  }

  private async cron(s: EasService, now: Date): Promise<boolean> {
    if (!s.cronScaler) return false;
    const nowSecond = Math.floor(now.getTime() / 1000);
    const from = this.lastTick.get(s.id) ?? nowSecond;
    this.lastTick.set(s.id, nowSecond);
    for (let sec = from + 1; sec <= nowSecond; sec++) {
      const at = new Date(sec * 1000);
      if (s.cronScaler.excludeDates.some((d) => cronMatches(parseCron(d), at))) continue;
      const job = s.cronScaler.jobs.find((j) => cronMatches(parseCron(j.schedule), at, j.timeZone));
      if (!job) continue;
      const message = `Scaled to ${job.targetSize} by cron job ${job.name}`;
      await this.c.mutate(s.id, (cur) => cur.cronScaler && { ...cur, cronScaler: { ...cur.cronScaler, jobs: cur.cronScaler.jobs.map((j) => (j.name === job.name ? { ...j, lastRunAt: at, lastMessage: message } : j)) } });
      const fresh = await this.c.repo.get(s.id);
      if (fresh && job.targetSize !== fresh.slots.length) await this.services.scaleService(fresh, job.targetSize, [], "CronScaler");
      return true;
    }
    return false;
  }

  private async recordCrashes(s: EasService, observed: readonly ObservedEasReplica[]): Promise<void> {
    const views = instanceViews(s, observed);
    for (const [i, r] of observed.entries()) {
      const key = `${s.id}/${r.slot}/${s.generations[String(r.slot)] ?? 0}`;
      const seen = this.restarts.get(key);
      this.restarts.set(key, r.restartCount);
      // A restart on request (SoftRestart) ends with "Stopped": not a crash.
      if (seen === undefined || r.restartCount <= seen || !r.lastState || r.lastState.reason === "Stopped") continue;
      const last = r.lastState;
      await this.c.event(s, {
        type: "Warning",
        reason: "BackOff",
        resource: "Pod",
        instanceName: views[i]!.name,
        message: { message: `Instance restarted after it exited (${last.reason}, exit code ${last.exitCode ?? "none"}${last.signal ? `, signal ${last.signal}` : ""})`, restartCount: r.restartCount },
      });
    }
  }
}
