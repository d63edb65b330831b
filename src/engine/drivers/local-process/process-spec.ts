import { isAbsolute, resolve } from "node:path";
import { PropertyReader } from "../shared/property-reader.ts";

export const LOCAL_PROCESS_TYPE = "Nestbox::Local::Process";

/** What one check does; shared by readiness and liveness. */
export type ProbeCheck =
  | { readonly kind: "http"; readonly path: string }
  | { readonly kind: "tcp" }
  /** A command run in the working directory with the replica's env (PORT included); exit 0 = pass. */
  | { readonly kind: "command"; readonly command: readonly string[] };

/** Timing of a check, in seconds; a field absent from a readiness check means the driver default. */
export interface ProbeTiming {
  readonly initialDelaySeconds?: number;
  readonly timeoutSeconds?: number;
  readonly periodSeconds?: number;
  readonly failureThreshold?: number;
}

export type ReadinessCheck = { readonly kind: "none" } | (ProbeCheck & ProbeTiming);

/** A liveness check with every timing filled in (defaults as Kubernetes: 0 s, 1 s, 10 s, 3). */
export type LivenessCheck = ProbeCheck & Required<ProbeTiming>;

/** `Always` (default) restarts on any exit; `OnFailure` only on a non-zero exit or a signal. */
export type RestartPolicy = "Always" | "OnFailure" | "Never";

/** The normalized properties of one `Nestbox::Local::Process`; its hash identifies a version. */
export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Absolute; the driver's working directory base when not given. */
  readonly workingDir: string;
  readonly replicas: number;
  readonly readiness: ReadinessCheck;
  /** Absent when not given, so specs written before liveness existed keep their hash. */
  readonly liveness?: LivenessCheck;
  readonly stopTimeoutSeconds: number;
  readonly restartPolicy: RestartPolicy;
}

export interface ProcessSpecLimits {
  readonly maxReplicas: number;
  /** Relative `WorkingDir`s resolve against it; also the default working directory. */
  readonly workingDirBase: string;
}

/** Variables nestbox sets itself; a template cannot override them. */
export const RESERVED_ENV = ["PORT", "NESTBOX_REPLICA_INDEX", "NESTBOX_RUNTIME"] as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESTART_POLICIES: readonly RestartPolicy[] = ["Always", "OnFailure", "Never"];

/**
 * Properties of `Nestbox::Local::Process`:
 * - `Command` (required): the executable, looked up in PATH; no shell. A list is taken as the
 *   executable followed by leading arguments.
 * - `Args`: list of arguments. `Env`: map of variables (the replica also gets `PORT`, its
 *   allocated port, and `NESTBOX_REPLICA_INDEX`). `WorkingDir`: absolute or relative to the base.
 * - `Replicas`: 0..maxReplicas, default 1.
 * - `ReadinessCheck`: `{Http: "/path"}` (GET on 127.0.0.1:PORT answers 2xx/3xx), `{Tcp: true}`
 *   (a connection is accepted) or `{Command: ["cmd", "arg"]}` (exits 0, run in the working
 *   directory with the replica's env); none: ready once it has stayed up for the start grace period.
 *   Optional timing keys next to the check: `InitialDelaySeconds`, `TimeoutSeconds`,
 *   `PeriodSeconds` (of ready replicas), `FailureThreshold` (failures before not ready).
 * - `LivenessCheck`: the same checks and timing keys (defaults 0, 1, 10, 3); after
 *   `FailureThreshold` failures in a row the replica is stopped (SIGTERM, SIGKILL after
 *   `StopTimeout`) and restarted with LastState reason `LivenessProbeFailed`.
 * - `StopTimeout`: seconds between SIGTERM and SIGKILL, 0..3600, default 10.
 * - `RestartPolicy`: Always (default), OnFailure, Never.
 */
export function parseProcessSpec(properties: Readonly<Record<string, unknown>>, limits: ProcessSpecLimits): ProcessSpec {
  const p = new PropertyReader(LOCAL_PROCESS_TYPE, properties);
  p.allowOnly(["Command", "Args", "Env", "WorkingDir", "Replicas", "ReadinessCheck", "LivenessCheck", "StopTimeout", "RestartPolicy"]);

  let command: string;
  let leading: string[] = [];
  if (Array.isArray(p.raw("Command"))) {
    const parts = p.stringList("Command");
    if (parts.length === 0 || parts[0] === "") throw p.invalid(`Property Command of ${LOCAL_PROCESS_TYPE} must not be empty.`);
    [command, ...leading] = parts as [string, ...string[]];
  } else {
    command = p.string("Command");
  }
  const env = p.stringMap("Env", ENV_NAME, "variable names are letters, digits and '_', not starting with a digit");
  const reserved = RESERVED_ENV.filter((name) => name in env);
  if (reserved.length > 0) {
    throw p.invalid(`Property Env of ${LOCAL_PROCESS_TYPE} cannot set ${reserved.join(", ")}: nestbox sets them for each replica.`);
  }
  const dir = p.optionalString("WorkingDir");
  const restartPolicy = p.string("RestartPolicy", "Always");
  if (!RESTART_POLICIES.includes(restartPolicy as RestartPolicy)) {
    throw p.invalid(`Property RestartPolicy of ${LOCAL_PROCESS_TYPE} must be one of ${RESTART_POLICIES.join(", ")}, got ${JSON.stringify(restartPolicy)}.`);
  }
  return {
    command,
    args: [...leading, ...p.stringList("Args")],
    env,
    workingDir: dir === undefined ? limits.workingDirBase : isAbsolute(dir) ? dir : resolve(limits.workingDirBase, dir),
    replicas: p.integer("Replicas", { min: 0, max: limits.maxReplicas }, 1),
    readiness: parseReadiness(p),
    ...parseLiveness(p),
    stopTimeoutSeconds: p.number("StopTimeout", { min: 0, max: 3600 }, 10),
    restartPolicy: restartPolicy as RestartPolicy,
  };
}

function parseReadiness(p: PropertyReader): ReadinessCheck {
  const v = p.raw("ReadinessCheck");
  if (v === undefined || v === null) return { kind: "none" };
  const { check, timing } = parseCheck(p, "ReadinessCheck", v);
  return { ...check, ...timing };
}

const LIVENESS_DEFAULTS: Required<ProbeTiming> = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 };

function parseLiveness(p: PropertyReader): { liveness?: LivenessCheck } {
  const v = p.raw("LivenessCheck");
  if (v === undefined || v === null) return {};
  const { check, timing } = parseCheck(p, "LivenessCheck", v);
  return { liveness: { ...check, ...LIVENESS_DEFAULTS, ...timing } };
}

const TIMING_KEYS: Record<string, { field: keyof ProbeTiming; min: number; max: number; integer?: boolean }> = {
  InitialDelaySeconds: { field: "initialDelaySeconds", min: 0, max: 3600 },
  TimeoutSeconds: { field: "timeoutSeconds", min: 0.01, max: 3600 },
  PeriodSeconds: { field: "periodSeconds", min: 0.01, max: 3600 },
  FailureThreshold: { field: "failureThreshold", min: 1, max: 100, integer: true },
};

/** One `{Http|Tcp|Command, ...timing}` object; only the timing keys given are returned. */
function parseCheck(p: PropertyReader, name: string, v: unknown): { check: ProbeCheck; timing: ProbeTiming } {
  const rule = `Property ${name} of ${LOCAL_PROCESS_TYPE} must be {"Http": "/path"} or {"Tcp": true}`;
  if (typeof v !== "object" || Array.isArray(v)) throw p.invalid(`${rule}.`);
  const all = v as Record<string, unknown>;
  const timing: Record<string, number> = {};
  for (const [key, value] of Object.entries(all)) {
    const t = TIMING_KEYS[key];
    if (!t || value === undefined || value === null) continue;
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isFinite(n) || n < t.min || n > t.max || (t.integer && !Number.isInteger(n))) {
      throw p.invalid(`Property ${name}.${key} of ${LOCAL_PROCESS_TYPE} must be ${t.integer ? "an integer" : "a number"} from ${t.min} to ${t.max}, got ${JSON.stringify(value)}.`);
    }
    timing[t.field] = n;
  }
  const keys = Object.keys(all).filter((k) => !(k in TIMING_KEYS));
  const check = all;
  if (keys.length === 1 && keys[0] === "Http") {
    const path = check["Http"];
    if (typeof path !== "string" || !path.startsWith("/") || /[\s]/.test(path)) {
      throw p.invalid(`${rule}; Http must be a path starting with '/', got ${JSON.stringify(path)}.`);
    }
    return { check: { kind: "http", path }, timing };
  }
  if (keys.length === 1 && keys[0] === "Tcp") {
    if (!p.booleanValue(`${name}.Tcp`, check["Tcp"], false)) throw p.invalid(`${rule}; Tcp must be true.`);
    return { check: { kind: "tcp" }, timing };
  }
  if (keys.length === 1 && keys[0] === "Command") {
    const command = check["Command"];
    if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === "string") || command[0] === "") {
      throw p.invalid(`${rule}; Command must be a non-empty list of strings, got ${JSON.stringify(command)}.`);
    }
    return { check: { kind: "command", command: command as string[] }, timing };
  }
  throw p.invalid(`${rule}, got ${JSON.stringify(v)}.`);
}
