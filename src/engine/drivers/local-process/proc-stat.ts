import { readFileSync } from "node:fs";

/** The fields of `/proc/<pid>/stat` the supervisor needs (Linux; see proc(5)). */
export interface ProcStat {
  /** R, S, D, Z (zombie), X (dead), … */
  readonly state: string;
  readonly pgrp: number;
  /** Field 22, clock ticks after boot: with the pid, identifies one process across pid reuse. */
  readonly startTime: string;
}

/** Parses a stat line; the command name (field 2) may hold spaces and parentheses. */
export function parseProcStat(line: string): ProcStat | undefined {
  const close = line.lastIndexOf(")");
  if (close < 0) return undefined;
  // Fields from 3 (state) on, so field n is at index n - 3.
  const fields = line.slice(close + 2).trim().split(/\s+/);
  const state = fields[0];
  const pgrp = Number(fields[2]);
  const startTime = fields[19];
  if (!state || !Number.isInteger(pgrp) || !startTime || !/^\d+$/.test(startTime)) return undefined;
  return { state, pgrp, startTime };
}

/** `undefined` when the process does not exist or /proc is not available (not Linux). */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/** The start time that identifies this pid's current process, if /proc tells it. */
export const processStartTime = (pid: number): string | undefined => readProcStat(pid)?.startTime;

/**
 * Whether the process we recorded still runs: the pid exists, is not a zombie, and (when we know
 * it) has the same start time, so a recycled pid is not mistaken for our replica. Without /proc
 * only the pid is checked.
 */
export function isSameProcessAlive(pid: number, startTime: string | undefined): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = readProcStat(pid);
  if (!stat) return !procAvailable();
  if (stat.state === "Z" || stat.state === "X") return false;
  return startTime === undefined || stat.startTime === startTime;
}

let hasProc: boolean | undefined;
const procAvailable = (): boolean => (hasProc ??= readProcStat(process.pid) !== undefined);

/**
 * Sends a signal to a whole process group (replicas lead their own group, see replica-runner.ts),
 * so helpers a replica started go with it. False when the group no longer exists.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
