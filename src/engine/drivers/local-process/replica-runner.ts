import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import type { Clock } from "../../../core/shared/clock.ts";
import type { Logger } from "../../../core/shared/logger.ts";
import type { PortAllocator } from "./port-allocator.ts";
import { isSameProcessAlive, processStartTime, signalGroup } from "./proc-stat.ts";
import type { RestartPolicy } from "./process-spec.ts";
import type { ProcessRecord, StoredTermination } from "./process-state.ts";
import type { LiveProcess, ProcessUnit } from "./process-unit.ts";
import { replicaLogPath } from "./replica-log.ts";
import { restartDelayMs, type BackoffPolicy } from "./restart-backoff.ts";

export interface RunnerContext {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ports: PortAllocator;
  /** Inherited variables (PATH, HOME, …); nestbox's own secrets are never passed on. */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Marks replica processes as ours (`NESTBOX_RUNTIME`), for the orphan sweep. */
  readonly runtimeMarker: string;
  readonly backoff: BackoffPolicy;
  /** Asks the supervisor for an early pass (after an exit). */
  readonly kick: () => void;
}

/** LastState reason of a replica stopped because its liveness check kept failing. */
export const LIVENESS_FAILED = "LivenessProbeFailed";

/** How long to wait for a process to die after SIGKILL before giving up on it. */
const KILL_WAIT_MS = 5_000;

/** Starts, watches and stops replica processes. Methods named `…Locked` need `unit.lock` held. */
export class ReplicaRunner {
  constructor(private readonly ctx: RunnerContext) {}

  /**
   * Starts `record`'s process on its port if still free (another otherwise), detached in its own
   * process group, output appended to `replica-<index>.log`, so it outlives nestbox. A command
   * that cannot be started is recorded as an exit with reason `StartError`.
   */
  async spawnLocked(unit: ProcessUnit, index: number, record: ProcessRecord, options: { restart: boolean }): Promise<void> {
    const spec = unit.specOf(record);
    record.port = await this.ctx.ports.allocate(record.id, record.port || undefined);
    record.nextRestartAt = undefined;
    if (options.restart) record.restartCount++;
    const env = {
      ...this.ctx.baseEnv,
      ...spec.env,
      PORT: String(record.port),
      NESTBOX_REPLICA_INDEX: String(index),
      NESTBOX_RUNTIME: `${this.ctx.runtimeMarker}/${unit.key}`,
    };
    let child: ChildProcess | undefined;
    let failure: string | undefined;
    const fd = openSync(replicaLogPath(unit.dir, index), "a", 0o600);
    try {
      child = spawn(spec.command, [...spec.args], { cwd: spec.workingDir, env, detached: true, stdio: ["ignore", fd, fd] });
      failure = await new Promise<string | undefined>((resolve) => {
        child!.once("spawn", () => resolve(undefined));
        child!.once("error", (e) => resolve(e.message));
      });
    } catch (e) {
      failure = (e as Error).message;
    } finally {
      closeSync(fd);
    }
    const now = this.ctx.clock.now();
    const log = this.ctx.logger.child({ key: unit.key, replica: index });
    if (!child || failure !== undefined || child.pid === undefined) {
      log.warn({ command: spec.command, error: failure }, "Failed to start replica");
      record.startedAt = now.toISOString();
      this.recordExitLocked(unit, record, { code: null, signal: null, startError: failure ?? "the process did not start" });
      return;
    }
    const pid = child.pid;
    child.unref();
    const live: LiveProcess = { pid, child, stopping: false, ready: false, wasReady: false, probing: false, lastProbeAt: 0, probeFailures: 0 };
    child.on("error", (e) => log.warn({ pid, error: e.message }, "Replica process reported an error"));
    child.once("exit", (code, signal) => {
      live.exit = { code, signal };
      this.ctx.kick();
    });
    Object.assign(record, { pid, startTime: processStartTime(pid), startedAt: now.toISOString() });
    unit.live.set(record.id, live);
    log.info({ pid, port: record.port, restartCount: record.restartCount }, options.restart ? "Restarted replica" : "Started replica");
  }

  /** Registers a process found running at startup (no child handle: exits are found by polling). */
  adoptLocked(unit: ProcessUnit, record: ProcessRecord): void {
    unit.live.set(record.id, {
      pid: record.pid!,
      stopping: false,
      ready: false,
      wasReady: false,
      probing: false,
      lastProbeAt: 0,
      probeFailures: 0,
    });
  }

  /** The exit of a watched process, or `undefined` while it runs. */
  exitOf(record: ProcessRecord, live: LiveProcess | undefined): { code: number | null; signal: string | null; unknown?: boolean } | undefined {
    if (record.pid === undefined) return undefined;
    if (live?.child) return live.exit;
    return isSameProcessAlive(record.pid, record.startTime) ? undefined : { code: null, signal: null, unknown: true };
  }

  /**
   * Records an unrequested exit: LastState, leftovers of its process group killed, and a restart
   * planned with crash-loop backoff when the restart policy and the desired state allow it.
   */
  recordExitLocked(
    unit: ProcessUnit,
    record: ProcessRecord,
    exit: { code: number | null; signal: string | null; unknown?: boolean; startError?: string; killedBy?: string },
  ): void {
    const now = this.ctx.clock.now();
    const reason =
      exit.startError !== undefined ? "StartError" : exit.killedBy !== undefined ? LIVENESS_FAILED : exit.unknown ? "UnknownExit" : exit.code === 0 ? "Completed" : "Error";
    record.lastState = {
      exitCode: exit.code,
      signal: exit.signal,
      reason,
      ...(exit.startError !== undefined
        ? { message: exit.startError }
        : exit.killedBy !== undefined
          ? { message: exit.killedBy }
          : exit.unknown
            ? { message: "the process ended while nestbox was not watching" }
            : {}),
      finishedAt: now.toISOString(),
    };
    if (record.pid !== undefined) signalGroup(record.pid, "SIGKILL");
    const ranMs = record.startedAt ? now.getTime() - Date.parse(record.startedAt) : 0;
    clearProcess(unit, record);
    unit.countExit(record);
    if (unit.state.desired === "Running" && restartAllowed(unit.specOf(record).restartPolicy, record.lastState)) {
      if (ranMs >= this.ctx.backoff.resetAfterMs) record.consecutiveFailures = 0;
      const delay = exit.unknown ? 0 : restartDelayMs(this.ctx.backoff, record.consecutiveFailures);
      record.consecutiveFailures++;
      record.nextRestartAt = new Date(now.getTime() + delay).toISOString();
    }
    this.ctx.logger.warn(
      { key: unit.key, recordId: record.id, exitCode: exit.code, signal: exit.signal, reason, restartAt: record.nextRestartAt },
      "Replica exited",
    );
  }

  /**
   * Stops processes on request: SIGTERM to each process group, SIGKILL after `graceSeconds` (0 =
   * SIGKILL at once). Records LastState `Stopped` and cancels planned restarts. Takes the lock
   * itself; waits outside it so the supervisor keeps watching the other replicas.
   */
  async stop(unit: ProcessUnit, records: readonly ProcessRecord[], graceSeconds: (record: ProcessRecord) => number): Promise<void> {
    const targets = await unit.lock.run(async () => {
      const out: { record: ProcessRecord; live: LiveProcess; pid: number; startTime?: string }[] = [];
      for (const record of records) {
        record.nextRestartAt = undefined;
        if (record.pid === undefined) continue;
        const live = unit.live.get(record.id) ?? { pid: record.pid, stopping: true, ready: false, wasReady: false, probing: false, lastProbeAt: 0, probeFailures: 0 };
        live.stopping = true;
        live.ready = false;
        unit.live.set(record.id, live);
        signalGroup(record.pid, graceSeconds(record) > 0 ? "SIGTERM" : "SIGKILL");
        out.push({ record, live, pid: record.pid, startTime: record.startTime });
      }
      return out;
    });
    await Promise.all(
      targets.map(async (t) => {
        const gone = () => (t.live.child ? t.live.exit !== undefined : !isSameProcessAlive(t.pid, t.startTime));
        if (await waitUntil(gone, graceSeconds(t.record) * 1000)) return;
        signalGroup(t.pid, "SIGKILL");
        if (!(await waitUntil(gone, KILL_WAIT_MS))) {
          this.ctx.logger.error({ key: unit.key, pid: t.pid }, "Replica did not exit after SIGKILL");
        }
      }),
    );
    await unit.lock.run(async () => {
      const now = this.ctx.clock.now().toISOString();
      for (const t of targets) {
        if (t.record.pid !== t.pid) continue;
        signalGroup(t.pid, "SIGKILL"); // helpers left in its group
        t.record.lastState = stoppedState(t.live, now);
        clearProcess(unit, t.record);
        this.ctx.logger.info({ key: unit.key, recordId: t.record.id, pid: t.pid }, "Stopped replica");
      }
      if (!unit.deleting) await unit.save();
    });
  }
}

/** Whether the restart policy lets a replica that ended with `last` run again. */
export function restartAllowed(policy: RestartPolicy, last: StoredTermination | undefined): boolean {
  if (!last || last.reason === "Stopped" || policy === "Always") return true;
  if (last.reason === LIVENESS_FAILED) return policy === "OnFailure"; // stopped by nestbox: a failure
  return policy === "OnFailure" && !(last.exitCode === 0 && last.signal === null);
}

function stoppedState(live: LiveProcess, finishedAt: string): StoredTermination {
  return { exitCode: live.exit?.code ?? null, signal: live.exit?.signal ?? null, reason: "Stopped", finishedAt };
}

function clearProcess(unit: ProcessUnit, record: ProcessRecord): void {
  record.pid = undefined;
  record.startTime = undefined;
  record.startedAt = undefined;
  unit.live.delete(record.id);
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}
