import { randomBytes } from "node:crypto";
import type { ProcessSpec } from "./process-spec.ts";

/**
 * What `<dataDir>/runtime/<key>/state.json` holds: enough to find, re-adopt and restart every
 * replica after nestbox itself restarts. Written atomically after every change.
 */
export interface ProcessState {
  readonly version: 1;
  readonly key: string;
  desired: "Running" | "Stopped";
  /** Hash of the last applied spec. */
  specHash: string;
  /** Specs by hash: the last applied one and any older one a replica still runs. */
  specs: Record<string, ProcessSpec>;
  slots: ReplicaSlot[];
}

/** Replica `index`: the process serving it and, during a rolling update, its replacement. */
export interface ReplicaSlot {
  readonly index: number;
  current: ProcessRecord;
  /** Started with the new spec; takes over once ready (rolling update). */
  surge?: ProcessRecord;
}

/** One replica process over its restarts. */
export interface ProcessRecord {
  /** Identifies the record across restarts of its process; new for a replacement. */
  readonly id: string;
  /** Set while a process runs; it leads its own process group (pgid = pid). */
  pid?: number;
  /** /proc start time of `pid` (proc-stat.ts), guarding against pid reuse. */
  startTime?: string;
  /** 0 until first allocated; kept across restarts while free. */
  port: number;
  /** The spec this record runs (a key of `ProcessState.specs`). */
  specHash: string;
  startedAt?: string;
  restartCount: number;
  /** Quick exits in a row, for the crash-loop backoff. */
  consecutiveFailures: number;
  /** Set while waiting to restart after an exit. */
  nextRestartAt?: string;
  lastState?: StoredTermination;
}

export interface StoredTermination {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly reason: string;
  readonly message?: string;
  readonly finishedAt: string;
}

export const newProcessRecord = (specHash: string, port = 0): ProcessRecord => ({
  id: randomBytes(6).toString("hex"),
  port,
  specHash,
  restartCount: 0,
  consecutiveFailures: 0,
});

/** Every record of the state: serving ones and replacements. */
export function* allRecords(state: ProcessState): Generator<{ slot: ReplicaSlot; record: ProcessRecord }> {
  for (const slot of state.slots) {
    yield { slot, record: slot.current };
    if (slot.surge) yield { slot, record: slot.surge };
  }
}

/** Drops specs no record runs any more. */
export function pruneSpecs(state: ProcessState): void {
  const used = new Set([state.specHash, ...[...allRecords(state)].map((r) => r.record.specHash)]);
  for (const hash of Object.keys(state.specs)) if (!used.has(hash)) delete state.specs[hash];
}

/** Checks the shape of a state file read from disk; throws with the reason when it is not one. */
export function assertProcessState(value: unknown, key: string): asserts value is ProcessState {
  const s = value as Partial<ProcessState> | undefined;
  const ok =
    s !== undefined &&
    s !== null &&
    s.version === 1 &&
    s.key === key &&
    (s.desired === "Running" || s.desired === "Stopped") &&
    typeof s.specHash === "string" &&
    typeof s.specs === "object" &&
    s.specs !== null &&
    Array.isArray(s.slots) &&
    s.slots.every((slot) => typeof slot?.index === "number" && typeof slot.current?.id === "string" && s.specs![slot.current.specHash] !== undefined);
  if (!ok) throw new Error(`state file of ${key} is not a version 1 process state`);
}
