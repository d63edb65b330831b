import type { Clock } from "../../../core/shared/clock.ts";
import type { Logger } from "../../../core/shared/logger.ts";
import { allRecords, type ProcessRecord } from "./process-state.ts";
import type { LiveProcess, ProcessUnit } from "./process-unit.ts";
import { probeReadiness } from "./readiness-probe.ts";
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
 * resets the backoff of replicas that have run long enough; runs due readiness checks (outside the
 * lock); records log growth for log times and rotates large logs.
 */
export class ReplicaSupervisor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

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
        if (exit) {
          this.runner.recordExitLocked(unit, record, exit);
          changed = true;
        } else if (record.consecutiveFailures > 0 && record.startedAt && now - Date.parse(record.startedAt) >= this.options.backoff.resetAfterMs) {
          record.consecutiveFailures = 0;
          changed = true;
        } else if (live) {
          this.checkReadiness(unit, record, live, now);
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
    if (live.probing || (live.ready && now - live.lastProbeAt < this.options.readinessPeriodMs)) return;
    live.probing = true;
    live.lastProbeAt = now;
    void probeReadiness(check, record.port, this.options.probeTimeoutMs).then((ok) => {
      live.probing = false;
      if (live.stopping) return;
      if (ok) {
        live.ready = true;
        live.wasReady = true;
        live.probeFailures = 0;
      } else if (++live.probeFailures >= 3 || !live.ready) {
        live.ready = false;
      }
    });
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
