import { mkdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Clock } from "../../../core/shared/clock.ts";
import type { Logger } from "../../../core/shared/logger.ts";
import type { AppliedResource, ApplyContext, DesiredResource, LogLine, LogOptions, ObservedResource, RestartReplicaOptions } from "../driver.ts";
import { DRIVER_ERROR_CODES, retryableError, terminalError } from "../driver-error.ts";
import { notFound, type ResourceHandler } from "../resource-handler.ts";
import { KeyedSerialQueue } from "../shared/serial-queue.ts";
import { specHash } from "../shared/spec-hash.ts";
import { adoptUnits, sweepOrphans } from "./process-adoption.ts";
import { LOCAL_PROCESS_TYPE, parseProcessSpec, type ProcessSpec } from "./process-spec.ts";
import { allRecords, newProcessRecord, pruneSpecs, type ProcessRecord, type ReplicaSlot } from "./process-state.ts";
import { ProcessUnit } from "./process-unit.ts";
import { appliedProcess, observedProcess } from "./process-view.ts";
import { PortAllocator } from "./port-allocator.ts";
import { waitUntilReady, type WaitTarget } from "./ready-waiter.ts";
import { readTimedLines, replicaLogPath } from "./replica-log.ts";
import { ReplicaRunner } from "./replica-runner.ts";
import { ReplicaSupervisor } from "./replica-supervisor.ts";
import { DEFAULT_BACKOFF, type BackoffPolicy } from "./restart-backoff.ts";

/** Tuning of `Nestbox::Local::Process`; the defaults suit production, tests shorten the timers. */
export interface LocalProcessOptions {
  /** Supervisor pass interval. Default 500 ms. */
  readonly superviseIntervalMs?: number;
  /** Crash-loop backoff. Default 1 s doubling to 30 s, reset after 60 s up. */
  readonly backoff?: Partial<BackoffPolicy>;
  /** How long apply/start/restart wait for readiness (ApplyContext overrides). Default 120 s. */
  readonly readyTimeoutMs?: number;
  /** Exits before readiness after which apply fails with START_FAILED. Default 3. */
  readonly startAttempts?: number;
  /** Without a readiness check, ready after running this long. Default 1 s. */
  readonly startGraceMs?: number;
  /** Readiness re-check interval of ready replicas. Default 2 s. */
  readonly readinessPeriodMs?: number;
  /** Per readiness check. Default 1 s. */
  readonly probeTimeoutMs?: number;
  /** Highest `Replicas`. Default 100. */
  readonly maxReplicas?: number;
  /** A replica log is rotated to `.1` past this size. Default 10 MiB. */
  readonly maxLogBytes?: number;
  /** Variables of nestbox's environment passed to replicas. Default: PATH, HOME, locale, TZ, TMPDIR. */
  readonly inheritEnv?: readonly string[];
  /** Base of relative `WorkingDir`s and the default working directory. Default: the data dir. */
  readonly workingDirBase?: string;
}

export const DEFAULT_INHERITED_ENV = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SYSTEMROOT"];

/**
 * `Nestbox::Local::Process` (properties: process-spec.ts). Replicas are detached processes, each
 * on a port of 127.0.0.1 passed as `PORT`, logging to `<dataDir>/runtime/<key>/replica-<n>.log`,
 * with their state in `state.json` next to it; `open` re-adopts what an earlier nestbox started.
 * Operations on one key run one at a time.
 */
export class LocalProcessHandler implements ResourceHandler {
  readonly type = LOCAL_PROCESS_TYPE;
  private readonly runtimeDir: string;
  private readonly logger: Logger;
  private readonly units = new Map<string, ProcessUnit>();
  private readonly ops = new KeyedSerialQueue();
  private readonly runner: ReplicaRunner;
  private readonly supervisor: ReplicaSupervisor;
  private readonly settings: Required<Omit<LocalProcessOptions, "backoff" | "inheritEnv">>;
  private opening: Promise<void> | undefined;
  private closed = false;

  constructor(options: { dataDir: string; clock: Clock; logger: Logger; process?: LocalProcessOptions }) {
    const o = options.process ?? {};
    this.runtimeDir = join(options.dataDir, "runtime");
    this.settings = {
      superviseIntervalMs: o.superviseIntervalMs ?? 500,
      readyTimeoutMs: o.readyTimeoutMs ?? 120_000,
      startAttempts: o.startAttempts ?? 3,
      startGraceMs: o.startGraceMs ?? 1_000,
      readinessPeriodMs: o.readinessPeriodMs ?? 2_000,
      probeTimeoutMs: o.probeTimeoutMs ?? 1_000,
      maxReplicas: o.maxReplicas ?? 100,
      maxLogBytes: o.maxLogBytes ?? 10 * 1024 * 1024,
      workingDirBase: o.workingDirBase ?? options.dataDir,
    };
    const backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
    const baseEnv: Record<string, string> = {};
    for (const name of o.inheritEnv ?? DEFAULT_INHERITED_ENV) {
      const value = process.env[name];
      if (value !== undefined) baseEnv[name] = value;
    }
    const logger = options.logger.child({ resourceType: LOCAL_PROCESS_TYPE });
    this.runner = new ReplicaRunner({
      clock: options.clock,
      logger,
      ports: new PortAllocator((port, owner) => this.portHeld(port, owner)),
      baseEnv,
      runtimeMarker: this.runtimeDir,
      backoff,
      kick: () => this.supervisor.kick(),
    });
    this.supervisor = new ReplicaSupervisor(
      () => this.units.values(),
      this.runner,
      { ...this.settings, intervalMs: this.settings.superviseIntervalMs, backoff },
      options.clock,
      logger,
    );
    this.logger = logger;
  }

  /** Re-adopts replicas left running, kills unrecorded ones, starts the supervisor. Once. */
  open(): Promise<void> {
    return (this.opening ??= (async () => {
      await mkdir(this.runtimeDir, { recursive: true, mode: 0o700 });
      for (const unit of await adoptUnits(this.runtimeDir, this.runner, this.logger)) this.units.set(unit.key, unit);
      sweepOrphans(this.runtimeDir, [...this.units.values()], this.logger);
      this.supervisor.start();
      this.supervisor.kick();
    })().catch((e) => {
      this.opening = undefined; // let the next call try again
      throw e;
    }));
  }

  /** Stops supervising; replicas keep running for the next `open`. */
  async close(): Promise<void> {
    this.closed = true;
    await this.supervisor.stop();
  }

  async apply(resource: DesiredResource, ctx: ApplyContext): Promise<AppliedResource> {
    const spec = parseProcessSpec(resource.properties, this.settings);
    await assertWorkingDir(spec);
    const hash = specHash(spec);
    await this.open();
    return this.ops.run(resource.key, async () => {
      this.assertOpen();
      const unit = await this.unitFor(resource.key, hash, spec);
      const state = unit.state;
      await unit.lock.run(async () => {
        state.specs[hash] = spec;
        state.specHash = hash;
        state.desired = "Running";
        await unit.save();
      });
      const extra = state.slots.filter((s) => s.index >= spec.replicas);
      if (extra.length > 0) {
        await this.runner.stop(unit, extra.flatMap(recordsOf), this.graceOf(unit));
        await unit.lock.run(async () => {
          state.slots = state.slots.filter((s) => s.index < spec.replicas);
          await unit.save();
        });
      }
      const started = await unit.lock.run(async () => {
        const out: WaitTarget[] = [];
        for (let index = 0; index < spec.replicas; index++) {
          let slot = state.slots[index];
          if (!slot) state.slots.push((slot = { index, current: newProcessRecord(hash) }));
          else if (slot.current.pid !== undefined) continue;
          else slot.current.specHash = hash; // not serving: no need to roll it
          await this.runner.spawnLocked(unit, index, slot.current, { restart: false });
          out.push({ index, record: slot.current });
        }
        await unit.save();
        return out;
      });
      await this.waitReady(unit, started, ctx);
      for (const slot of [...state.slots]) if (slot.current.specHash !== hash) await this.replaceReplica(unit, slot, hash, ctx);
      await unit.lock.run(async () => {
        pruneSpecs(state);
        unit.forgetRemovedRecords();
        await unit.save();
      });
      await this.waitReady(unit, currentTargets(unit), ctx);
      return appliedProcess(unit);
    });
  }

  async observe(key: string): Promise<ObservedResource | undefined> {
    await this.open();
    const unit = this.units.get(key);
    return unit && !unit.deleting ? observedProcess(unit) : undefined;
  }

  stop(key: string): Promise<void> {
    return this.operate(key, async (unit) => {
      await unit.lock.run(async () => {
        unit.state.desired = "Stopped";
        await unit.save();
      });
      await this.runner.stop(unit, unit.state.slots.flatMap(recordsOf), this.graceOf(unit));
      await unit.lock.run(async () => {
        for (const slot of unit.state.slots) slot.surge = undefined;
        await unit.save();
      });
    });
  }

  start(key: string, ctx: ApplyContext): Promise<void> {
    return this.operate(key, (unit) => this.startStopped(unit, ctx));
  }

  restart(key: string, ctx: ApplyContext): Promise<void> {
    return this.operate(key, async (unit) => {
      if (unit.state.desired === "Stopped") return this.startStopped(unit, ctx);
      for (const slot of unit.state.slots) {
        await this.runner.stop(unit, [slot.current], this.graceOf(unit));
        await unit.lock.run(async () => {
          await this.runner.spawnLocked(unit, slot.index, slot.current, { restart: false });
          await unit.save();
        });
        await this.waitReady(unit, [{ index: slot.index, record: slot.current }], ctx);
      }
    });
  }

  restartReplica(key: string, replicaIndex: number, options: RestartReplicaOptions): Promise<void> {
    return this.operate(key, async (unit) => {
      const slot = unit.state.slots.find((s) => s.index === replicaIndex);
      if (!slot) {
        throw terminalError(DRIVER_ERROR_CODES.REPLICA_NOT_FOUND, `${this.type} ${key} has no replica ${replicaIndex} (it has ${unit.state.slots.length}).`);
      }
      if (unit.state.desired === "Stopped") {
        throw terminalError(DRIVER_ERROR_CODES.UNSUPPORTED_OPERATION, `${this.type} ${key} is stopped; start it before restarting a replica.`);
      }
      await this.runner.stop(unit, [slot.current], options.soft ? this.graceOf(unit) : () => 0);
      await unit.lock.run(async () => {
        if (!options.soft) slot.current = newProcessRecord(slot.current.specHash, slot.current.port);
        unit.forgetRemovedRecords();
        await this.runner.spawnLocked(unit, slot.index, slot.current, { restart: options.soft });
        await unit.save();
      });
    });
  }

  async destroy(key: string): Promise<void> {
    await this.open();
    await this.ops.run(key, async () => {
      const unit = this.units.get(key);
      if (unit) {
        unit.deleting = true;
        await this.runner.stop(unit, unit.state.slots.flatMap(recordsOf), this.graceOf(unit));
        this.units.delete(key);
      }
      await rm(join(this.runtimeDir, key), { recursive: true, force: true });
    });
  }

  async logs(key: string, options: LogOptions): Promise<LogLine[]> {
    await this.open();
    const unit = this.units.get(key);
    if (!unit || unit.deleting) throw notFound({ key, type: this.type });
    const now = Date.now();
    const lines: (LogLine & { seq: number })[] = [];
    for (const slot of unit.state.slots) {
      if (options.replicaIndex !== undefined && slot.index !== options.replicaIndex) continue;
      const timed = readTimedLines(replicaLogPath(unit.dir, slot.index), unit.timelines.get(slot.index), now, this.settings.maxLogBytes);
      timed.forEach((l, seq) => {
        if (options.since === undefined || l.at >= options.since.getTime()) lines.push({ replicaIndex: slot.index, at: new Date(l.at), text: l.text, seq });
      });
    }
    lines.sort((a, b) => a.at.getTime() - b.at.getTime() || a.replicaIndex - b.replicaIndex || a.seq - b.seq);
    const picked = options.tail !== undefined ? lines.slice(Math.max(0, lines.length - options.tail)) : lines;
    return picked.map(({ replicaIndex, at, text }) => ({ replicaIndex, at, text }));
  }

  /** Rolling update of one replica: start the replacement, wait until ready, then stop the old one. */
  private async replaceReplica(unit: ProcessUnit, slot: ReplicaSlot, hash: string, ctx: ApplyContext): Promise<void> {
    const surge = newProcessRecord(hash);
    await unit.lock.run(async () => {
      slot.surge = surge;
      await this.runner.spawnLocked(unit, slot.index, surge, { restart: false });
      await unit.save();
    });
    try {
      await this.waitReady(unit, [{ index: slot.index, record: surge }], ctx);
    } catch (e) {
      await this.runner.stop(unit, [surge], () => 0);
      await unit.lock.run(async () => {
        slot.surge = undefined;
        await unit.save();
      });
      throw e; // the old replica keeps serving
    }
    await this.runner.stop(unit, [slot.current], this.graceOf(unit));
    await unit.lock.run(async () => {
      slot.current = surge;
      slot.surge = undefined;
      await unit.save();
    });
  }

  private async startStopped(unit: ProcessUnit, ctx: ApplyContext): Promise<void> {
    await unit.lock.run(async () => {
      unit.state.desired = "Running";
      for (const slot of unit.state.slots) {
        if (slot.current.pid === undefined) await this.runner.spawnLocked(unit, slot.index, slot.current, { restart: false });
      }
      await unit.save();
    });
    await this.waitReady(unit, currentTargets(unit), ctx);
  }

  private async operate(key: string, fn: (unit: ProcessUnit) => Promise<void>): Promise<void> {
    await this.open();
    await this.ops.run(key, async () => {
      this.assertOpen();
      const unit = this.units.get(key);
      if (!unit) throw notFound({ key, type: this.type });
      await fn(unit);
    });
  }

  private async unitFor(key: string, hash: string, spec: ProcessSpec): Promise<ProcessUnit> {
    const existing = this.units.get(key);
    if (existing) return existing;
    const dir = join(this.runtimeDir, key);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const unit = new ProcessUnit(key, dir, { version: 1, key, desired: "Running", specHash: hash, specs: { [hash]: spec }, slots: [] });
    await unit.save();
    this.units.set(key, unit);
    return unit;
  }

  private waitReady(unit: ProcessUnit, targets: readonly WaitTarget[], ctx: ApplyContext): Promise<void> {
    return waitUntilReady(unit, targets, ctx, {
      timeoutMs: this.settings.readyTimeoutMs,
      startAttempts: this.settings.startAttempts,
      pollMs: Math.min(this.settings.superviseIntervalMs, 100),
      isClosed: () => this.closed,
    });
  }

  private graceOf(unit: ProcessUnit): (record: ProcessRecord) => number {
    return (record) => unit.specOf(record).stopTimeoutSeconds;
  }

  private portHeld(port: number, owner: string): boolean {
    for (const unit of this.units.values()) {
      for (const { record } of allRecords(unit.state)) if (record.port === port && record.id !== owner) return true;
    }
    return false;
  }

  private assertOpen(): void {
    if (this.closed) throw retryableError(DRIVER_ERROR_CODES.DRIVER_CLOSED, "The local driver is closed.");
  }
}

const recordsOf = (slot: ReplicaSlot): ProcessRecord[] => (slot.surge ? [slot.current, slot.surge] : [slot.current]);

const currentTargets = (unit: ProcessUnit): WaitTarget[] => unit.state.slots.map((s) => ({ index: s.index, record: s.current }));

async function assertWorkingDir(spec: ProcessSpec): Promise<void> {
  const info = await stat(spec.workingDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `WorkingDir ${spec.workingDir} of ${LOCAL_PROCESS_TYPE} is not an existing directory.`);
  }
}
