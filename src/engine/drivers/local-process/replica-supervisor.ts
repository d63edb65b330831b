import type { Clock } from "../../../core/shared/clock.ts";
import type { Logger } from "../../../core/shared/logger.ts";
import { allRecords, type ProcessRecord } from "./process-state.ts";
import type { LiveProcess, ProcessUnit } from "./process-unit.ts";
import { signalGroup } from "./proc-stat.ts";
import { probeFailure, probeReadiness } from "./readiness-probe.ts";
import { fileSize, replicaLogPath, rotateIfLarger } from "./replica-log.ts";
import type { ReplicaRunner } from "./replica-runner.ts";
import type { BackoffPolicy } from "./restart-backoff.ts";

export interface SupervisorOptions {
  /** One pass over every replica this often. */
  readonly intervalMs: number;
  /** Ready replicas are checked this often; not-ready ones on every pass. */
  readonly readinessPeriodMs: number;
  readonly probeTimeoutMs: number;
  /** Without a readiness check, a replica is ready once it has run this long. */
  readonly startGraceMs: number;
  readonly maxLogBytes: number;
  readonly backoff: BackoffPolicy;
}

/**
 * One timer for every replica of every resource. Each pass, per resource (under its lock):
 * notices exits (the child's 'exit' event, or for re-adopted processes a liveness check by pid and
 * start time), records them and plans restarts; starts replicas whose restart time has come;
 * resets the backoff of replicas that have run long enough; runs due readiness and liveness checks
 * (outside the lock), stopping a replica whose liveness check keeps failing so it is restarted;
 * records log growth for log times and rotates large logs.
 */
export class ReplicaSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  /** Per running process (a restart gets a fresh entry): its liveness checks. */
  private readonly liveness = new WeakMap<LiveProcess, LivenessState>();

  constructor(
    private readonly units: () => Iterable<ProcessUnit>,
    private readonly runner: ReplicaRunner,
    private readonly options: SupervisorOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  /** Runs a pass now (or right after the one in progress). */
  kick(): void {
    if (!this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((e) => this.logger.error({ error: (e as Error).message }, "Supervisor pass failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  private async pass(): Promise<void> {
    await Promise.all([...this.units()].map((unit) => (unit.deleting ? undefined : unit.lock.run(() => this.superviseLocked(unit)))));
  }

  private async superviseLocked(unit: ProcessUnit): Promise<void> {
    if (unit.deleting) return;
    const now = this.clock.now().getTime();
    let changed = false;
    for (const { slot, record } of allRecords(unit.state)) {
      const live = unit.live.get(record.id);
      if (record.pid !== undefined) {
        if (live?.stopping) continue;
        const exit = this.runner.exitOf(record, live);
        const killedBy = live ? this.liveness.get(live)?.killedBy : undefined;
        if (exit) {
          this.runner.recordExitLocked(unit, record, killedBy ? { ...exit, killedBy } : exit);
          changed = true;
        } else if (record.consecutiveFailures > 0 && record.startedAt && now - Date.parse(record.startedAt) >= this.options.backoff.resetAfterMs) {
          record.consecutiveFailures = 0;
          changed = true;
        } else if (live && !killedBy) {
          this.checkReadiness(unit, record, live, now);
          this.checkLiveness(unit, record, live, now);
        }
      } else if (unit.state.desired === "Running" && record.nextRestartAt && Date.parse(record.nextRestartAt) <= now) {
        await this.runner.spawnLocked(unit, slot.index, record, { restart: true });
        changed = true;
      }
    }
    if (changed) await unit.save();
    this.watchLogs(unit, now);
  }

  private checkReadiness(unit: ProcessUnit, record: ProcessRecord, live: LiveProcess, now: number): void {
    const check = unit.specOf(record).readiness;
    if (check.kind === "none") {
      live.ready = record.startedAt === undefined || now - Date.parse(record.startedAt) >= this.options.startGraceMs;
      live.wasReady ||= live.ready;
      return;
    }
    // Timing keys of the check win over the driver's defaults.
    const delayMs = (check.initialDelaySeconds ?? 0) * 1000;
    if (delayMs > 0 && record.startedAt && now - Date.parse(record.startedAt) < delayMs) return;
    const periodMs = check.periodSeconds !== undefined ? check.periodSeconds * 1000 : this.options.readinessPeriodMs;
    const timeoutMs = check.timeoutSeconds !== undefined ? check.timeoutSeconds * 1000 : this.options.probeTimeoutMs;
    if (live.probing || (live.ready && now - live.lastProbeAt < periodMs)) return;
    live.probing = true;
    live.lastProbeAt = now;
    const spec = unit.specOf(record);
    void probeReadiness(check, record.port, timeoutMs, { cwd: spec.workingDir, env: spec.env }).then((ok) => {
      live.probing = false;
      if (live.stopping || this.liveness.get(live)?.killedBy) return;
      if (ok) {
        live.ready = true;
        live.wasReady = true;
        live.probeFailures = 0;
      } else if (++live.probeFailures >= (check.failureThreshold ?? 3) || !live.ready) {
        live.ready = false;
      }
    });
  }

  /**
   * Runs a due liveness check (after the initial delay, once per period). After
   * `failureThreshold` failures in a row the replica leaves service and gets SIGTERM, then SIGKILL
   * after its StopTimeout; the exit is recorded with the reason and restarted with backoff.
   */
  private checkLiveness(unit: ProcessUnit, record: ProcessRecord, live: LiveProcess, now: number): void {
    const spec = unit.specOf(record);
    const check = spec.liveness;
    if (!check || !record.startedAt) return;
    let state = this.liveness.get(live);
    if (!state) this.liveness.set(live, (state = { probing: false, lastAt: 0, failures: 0 }));
    if (state.probing || now - Date.parse(record.startedAt) < check.initialDelaySeconds * 1000) return;
    if (state.lastAt > 0 && now - state.lastAt < check.periodSeconds * 1000) return;
    state.probing = true;
    state.lastAt = now;
    const s = state;
    void probeFailure(check, record.port, check.timeoutSeconds * 1000, { cwd: spec.workingDir, env: spec.env }).then((failure) => {
      s.probing = false;
      if (failure === undefined) {
        s.failures = 0;
        return;
      }
      if (++s.failures < check.failureThreshold) return;
      const reason = `liveness probe failed: ${failure}` + (s.failures > 1 ? ` (${s.failures} times in a row)` : "");
      return unit.lock.run(async () => this.killForLivenessLocked(unit, record, live, s, reason));
    }).catch((e) => this.logger.error({ key: unit.key, error: (e as Error).message }, "Liveness check failed to run"));
  }

  private killForLivenessLocked(unit: ProcessUnit, record: ProcessRecord, live: LiveProcess, state: LivenessState, reason: string): void {
    const pid = live.pid;
    const current = () => unit.live.get(record.id) === live && record.pid === pid && live.exit === undefined && !live.stopping;
    if (unit.deleting || state.killedBy || !current()) return;
    state.killedBy = reason;
    live.ready = false;
    const graceSeconds = unit.specOf(record).stopTimeoutSeconds;
    this.logger.warn({ key: unit.key, recordId: record.id, pid, reason }, "Stopping replica: liveness check failed");
    signalGroup(pid, graceSeconds > 0 ? "SIGTERM" : "SIGKILL");
    if (graceSeconds > 0) {
      setTimeout(() => {
        if (current()) signalGroup(pid, "SIGKILL");
      }, graceSeconds * 1000).unref();
    }
    this.kick();
  }

  private watchLogs(unit: ProcessUnit, now: number): void {
    for (const slot of unit.state.slots) {
      const path = replicaLogPath(unit.dir, slot.index);
      try {
        if (rotateIfLarger(path, this.options.maxLogBytes)) this.logger.info({ key: unit.key, replica: slot.index }, "Rotated replica log");
      } catch (e) {
        this.logger.warn({ key: unit.key, replica: slot.index, error: (e as Error).message }, "Failed to rotate replica log");
      }
      const size = fileSize(path);
      if (size !== undefined) unit.timeline(slot.index).observe(size, now);
    }
  }
}

interface LivenessState {
  probing: boolean;
  /** When the last check started (clock ms); 0 before the first. */
  lastAt: number;
  /** Failed checks in a row. */
  failures: number;
  /** Set once the replica is being stopped for failing: the reason its exit records. */
  killedBy?: string;
}
