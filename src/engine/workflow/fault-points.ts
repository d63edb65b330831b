/**
 * Named places where a test can crash the process (DBOS debugpoint style). Set
 * NESTBOX_FAULT_POINT to `<point>[:<step key prefix>][@<n>]` and the process SIGKILLs itself on
 * the n-th matching hit (default the first). In-process tests register a hook instead.
 * These names are stable: tests and scripts refer to them.
 */
export const FAULT_POINTS = [
  "workflow.after-claim",
  "step.before-run",
  "step.after-run-before-checkpoint",
  "step.after-checkpoint",
  "workflow.before-complete",
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export type FaultHook = (point: FaultPoint, stepKey: string | undefined, workflowId: string) => void;

interface EnvFault {
  readonly point: string;
  readonly stepPrefix?: string;
  readonly hit: number;
}

function parseEnvFault(spec: string | undefined): EnvFault | undefined {
  if (!spec) return undefined;
  const m = /^([a-z.-]+)(?::([^@]+))?(?:@(\d+))?$/.exec(spec.trim());
  if (!m) throw new Error(`NESTBOX_FAULT_POINT '${spec}' is not <point>[:<step>][@<n>]`);
  if (!(FAULT_POINTS as readonly string[]).includes(m[1]!)) {
    throw new Error(`NESTBOX_FAULT_POINT names an unknown point ${m[1]}; known: ${FAULT_POINTS.join(", ")}`);
  }
  return { point: m[1]!, stepPrefix: m[2], hit: m[3] ? Number(m[3]) : 1 };
}

/** Holds the configured fault (env or hook) and the hit counter. One per runner. */
export class FaultInjector {
  private readonly envFault: EnvFault | undefined;
  private hits = 0;

  constructor(
    spec: string | undefined = process.env.NESTBOX_FAULT_POINT,
    private hook?: FaultHook,
  ) {
    this.envFault = parseEnvFault(spec);
  }

  setHook(hook: FaultHook | undefined): void {
    this.hook = hook;
  }

  reach(point: FaultPoint, workflowId: string, stepKey?: string): void {
    this.hook?.(point, stepKey, workflowId);
    const f = this.envFault;
    if (!f || f.point !== point) return;
    if (f.stepPrefix && !(stepKey ?? "").startsWith(f.stepPrefix)) return;
    this.hits += 1;
    if (this.hits === f.hit) process.kill(process.pid, "SIGKILL");
  }
}
