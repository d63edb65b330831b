import { readdirSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../../core/shared/logger.ts";
import { readJsonFile } from "../shared/json-file.ts";
import { assertResourceKey } from "../resource-key.ts";
import { isSameProcessAlive, readProcStat, signalGroup } from "./proc-stat.ts";
import { assertProcessState, type ProcessState } from "./process-state.ts";
import { ProcessUnit } from "./process-unit.ts";
import { restartAllowed, type ReplicaRunner } from "./replica-runner.ts";

/**
 * Loads every `<runtimeDir>/<key>/state.json` left by an earlier nestbox process and takes its
 * replicas over: a replica whose pid still runs with the recorded start time is adopted as is
 * (same pid, not restarted); one that died meanwhile gets LastState `UnknownExit` and is restarted
 * by the supervisor's first pass; replacements of an interrupted rolling update are killed (the
 * update is applied again by the engine's retry). Unreadable state files are logged and skipped.
 */
export async function adoptUnits(runtimeDir: string, runner: ReplicaRunner, logger: Logger): Promise<ProcessUnit[]> {
  let keys: string[];
  try {
    keys = (await readdir(runtimeDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const units: ProcessUnit[] = [];
  for (const key of keys) {
    const dir = join(runtimeDir, key);
    let state: ProcessState | undefined;
    try {
      assertResourceKey(key);
      const loaded = await readJsonFile<unknown>(join(dir, "state.json"));
      if (loaded === undefined) continue; // created, never written: nothing was started
      assertProcessState(loaded, key);
      state = loaded;
    } catch (e) {
      logger.error({ key, error: (e as Error).message }, "Failed to read process state; its replicas are not supervised");
      continue;
    }
    const unit = new ProcessUnit(key, dir, state);
    await unit.lock.run(async () => {
      for (const slot of state.slots) {
        const surge = slot.surge;
        if (surge?.pid !== undefined && isSameProcessAlive(surge.pid, surge.startTime)) signalGroup(surge.pid, "SIGKILL");
        slot.surge = undefined;
        const record = slot.current;
        if (record.pid === undefined) {
          // Not running and no restart planned: a start that nestbox died in the middle of.
          if (state.desired === "Running" && !record.nextRestartAt && restartAllowed(unit.specOf(record).restartPolicy, record.lastState)) {
            record.nextRestartAt = new Date().toISOString();
          }
          continue;
        }
        if (!isSameProcessAlive(record.pid, record.startTime)) {
          runner.recordExitLocked(unit, record, { code: null, signal: null, unknown: true });
        } else if (state.desired === "Stopped") {
          signalGroup(record.pid, "SIGKILL"); // a stop was interrupted: finish it
          record.pid = record.startTime = record.startedAt = undefined;
        } else {
          runner.adoptLocked(unit, record);
          logger.info({ key, replica: slot.index, pid: record.pid, port: record.port }, "Adopted replica");
        }
      }
      await unit.save();
    });
    units.push(unit);
  }
  return units;
}

/**
 * Kills replica processes of this runtime directory that no state file records: started by a
 * nestbox that died before it wrote their pid. They carry `NESTBOX_RUNTIME=<marker>/<key>` in
 * their environment; processes in the process group of a recorded replica are its helpers and
 * are left alone. Linux only (reads /proc); elsewhere it does nothing.
 */
export function sweepOrphans(marker: string, units: readonly ProcessUnit[], logger: Logger): number {
  const recorded = new Set<number>();
  for (const unit of units) for (const slot of unit.state.slots) if (slot.current.pid !== undefined) recorded.add(slot.current.pid);
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const needle = `NESTBOX_RUNTIME=${marker}/`;
  let killed = 0;
  for (const name of pids) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "latin1");
    } catch {
      continue; // gone, or another user's process
    }
    if (!environ.split("\0").some((v) => v.startsWith(needle))) continue;
    const stat = readProcStat(pid);
    if (!stat || stat.state === "Z" || recorded.has(stat.pgrp)) continue;
    signalGroup(stat.pgrp, "SIGKILL");
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone with its group
    }
    killed++;
    logger.warn({ pid, pgrp: stat.pgrp }, "Killed orphaned replica process");
  }
  return killed;
}
