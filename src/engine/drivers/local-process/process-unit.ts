import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { SerialQueue } from "../shared/serial-queue.ts";
import { writeJsonFileAtomic } from "../shared/json-file.ts";
import type { ProcessSpec } from "./process-spec.ts";
import type { ProcessRecord, ProcessState } from "./process-state.ts";
import { LogTimeline } from "./replica-log.ts";

/** What the supervisor knows about a running process beyond the state file. */
export interface LiveProcess {
  readonly pid: number;
  /** Present when this nestbox started the process (not for re-adopted ones). */
  readonly child?: ChildProcess;
  /** Set by the child's 'exit' event. */
  exit?: { readonly code: number | null; readonly signal: string | null };
  /** An operation is stopping it: the supervisor leaves it alone. */
  stopping: boolean;
  ready: boolean;
  /** Ready at least once since it started (a later failure is `ReadinessCheckFailed`). */
  wasReady: boolean;
  probing: boolean;
  lastProbeAt: number;
  probeFailures: number;
}

/**
 * One `Nestbox::Local::Process` resource in memory: its persisted state plus what is known only
 * while nestbox runs. `lock` guards short critical sections (state changes, spawning, signalling)
 * and is shared with the supervisor; long waits (readiness, graceful stops) happen outside it.
 */
export class ProcessUnit {
  readonly lock = new SerialQueue();
  readonly live = new Map<string, LiveProcess>();
  /** Exits seen per record id while nestbox runs; waiters compare against a baseline. */
  readonly exitCounts = new Map<string, number>();
  readonly timelines = new Map<number, LogTimeline>();
  deleting = false;

  constructor(
    readonly key: string,
    readonly dir: string,
    public state: ProcessState,
  ) {}

  get stateFile(): string {
    return join(this.dir, "state.json");
  }

  save(): Promise<void> {
    return writeJsonFileAtomic(this.stateFile, this.state);
  }

  specOf(record: ProcessRecord): ProcessSpec {
    return this.state.specs[record.specHash] ?? this.state.specs[this.state.specHash]!;
  }

  get desiredSpec(): ProcessSpec {
    return this.state.specs[this.state.specHash]!;
  }

  countExit(record: ProcessRecord): void {
    this.exitCounts.set(record.id, (this.exitCounts.get(record.id) ?? 0) + 1);
  }

  /** Drops what is known about records no longer in the state (replaced or scaled away). */
  forgetRemovedRecords(): void {
    const ids = new Set(this.state.slots.flatMap((s) => (s.surge ? [s.current.id, s.surge.id] : [s.current.id])));
    for (const id of this.exitCounts.keys()) if (!ids.has(id)) this.exitCounts.delete(id);
    for (const id of this.live.keys()) if (!ids.has(id)) this.live.delete(id);
    for (const index of this.timelines.keys()) if (!this.state.slots.some((s) => s.index === index)) this.timelines.delete(index);
  }

  timeline(index: number): LogTimeline {
    let t = this.timelines.get(index);
    if (!t) this.timelines.set(index, (t = new LogTimeline()));
    return t;
  }
}
