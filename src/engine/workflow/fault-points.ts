/**
 * Named places where a test can crash or pause the engine (DBOS debugpoint style).
 *
 * - Across processes: set NESTBOX_FAULT_POINT to `<point>[:<step>][@<n>]` and the process
 *   SIGKILLs itself on the n-th matching hit (default the first). `<step>` matches that step key
 *   and its sub-steps: `step.after-checkpoint:layer-0` fires for `layer-0` and `layer-0:Web`,
 *   `step.after-checkpoint:layer-0:Web` only for that sub-step.
 * - In process: register a hook. A hook that throws abandons the run as if the process had died
 *   there (nothing more is written by it and its lease is left to expire); a hook that returns a
 *   promise pauses the run until it settles.
 *
 * These names are stable: tests and scripts refer to them.
 */
export const FAULT_POINTS = [
  /** A workflow was claimed; its checkpoints are not read yet. */
  "workflow.after-claim",
  /** A step (or sub-step) is about to run. */
  "step.before-run",
  /** A step ran (its side effects happened) but its result is not checkpointed. */
  "step.after-run-before-checkpoint",
  /** A step's checkpoint is committed. */
  "step.after-checkpoint",
  /** Every step and hook is done; the final status is not written yet. */
  "workflow.before-complete",
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export type FaultHook = (point: FaultPoint, stepKey: string | undefined, workflowId: string) => void | Promise<void>;

/** A parsed NESTBOX_FAULT_POINT. */
export interface FaultSpec {
  readonly point: FaultPoint;
  readonly step?: string;
  readonly hit: number;
}

/** Parses `<point>[:<step>][@<n>]`; throws on an unknown point so a typo never passes silently. */
export function parseFaultSpec(spec: string | undefined): FaultSpec | undefined {
  if (!spec?.trim()) return undefined;
  const m = /^([a-z.-]+)(?::([^@]+))?(?:@(\d+))?$/.exec(spec.trim());
  if (!m) throw new Error(`NESTBOX_FAULT_POINT '${spec}' is not <point>[:<step>][@<n>]`);
  if (!(FAULT_POINTS as readonly string[]).includes(m[1]!)) {
    throw new Error(`NESTBOX_FAULT_POINT names an unknown point ${m[1]}; known: ${FAULT_POINTS.join(", ")}`);
  }
  const hit = m[3] ? Number(m[3]) : 1;
  if (hit < 1) throw new Error(`NESTBOX_FAULT_POINT '${spec}': the hit number counts from 1`);
  return { point: m[1] as FaultPoint, step: m[2], hit };
}

const matches = (spec: FaultSpec, point: FaultPoint, stepKey: string | undefined): boolean =>
  spec.point === point && (!spec.step || stepKey === spec.step || (stepKey ?? "").startsWith(`${spec.step}:`));

/** Holds the configured fault (env or hook) and the hit counter. One per runner. */
export class FaultInjector {
  private readonly spec: FaultSpec | undefined;
  private hits = 0;

  constructor(
    spec: string | undefined = process.env.NESTBOX_FAULT_POINT,
    private hook?: FaultHook,
    /** What a configured fault does when it fires; tests of this class replace the SIGKILL. */
    private readonly crash: () => void = () => process.kill(process.pid, "SIGKILL"),
  ) {
    this.spec = parseFaultSpec(spec);
  }

  setHook(hook: FaultHook | undefined): void {
    this.hook = hook;
  }

  /** Called by the runner at each point; resolves at once unless a hook pauses. */
  reach(point: FaultPoint, workflowId: string, stepKey?: string): void | Promise<void> {
    const s = this.spec;
    if (s && matches(s, point, stepKey) && ++this.hits === s.hit) this.crash();
    return this.hook?.(point, stepKey, workflowId);
  }
}
