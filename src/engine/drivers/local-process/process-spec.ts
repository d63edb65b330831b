import { isAbsolute, resolve } from "node:path";
import { PropertyReader } from "../shared/property-reader.ts";

export const LOCAL_PROCESS_TYPE = "Nestbox::Local::Process";

export type ReadinessCheck = { readonly kind: "none" } | { readonly kind: "http"; readonly path: string } | { readonly kind: "tcp" };

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
 * - `ReadinessCheck`: `{Http: "/path"}` (GET on 127.0.0.1:PORT answers 2xx/3xx) or `{Tcp: true}`
 *   (a connection is accepted); none: ready once it has stayed up for the start grace period.
 * - `StopTimeout`: seconds between SIGTERM and SIGKILL, 0..3600, default 10.
 * - `RestartPolicy`: Always (default), OnFailure, Never.
 */
export function parseProcessSpec(properties: Readonly<Record<string, unknown>>, limits: ProcessSpecLimits): ProcessSpec {
  const p = new PropertyReader(LOCAL_PROCESS_TYPE, properties);
  p.allowOnly(["Command", "Args", "Env", "WorkingDir", "Replicas", "ReadinessCheck", "StopTimeout", "RestartPolicy"]);

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
    stopTimeoutSeconds: p.number("StopTimeout", { min: 0, max: 3600 }, 10),
    restartPolicy: restartPolicy as RestartPolicy,
  };
}

function parseReadiness(p: PropertyReader): ReadinessCheck {
  const v = p.raw("ReadinessCheck");
  if (v === undefined || v === null) return { kind: "none" };
  const rule = `Property ReadinessCheck of ${LOCAL_PROCESS_TYPE} must be {"Http": "/path"} or {"Tcp": true}`;
  if (typeof v !== "object" || Array.isArray(v)) throw p.invalid(`${rule}.`);
  const keys = Object.keys(v);
  const check = v as Record<string, unknown>;
  if (keys.length === 1 && keys[0] === "Http") {
    const path = check["Http"];
    if (typeof path !== "string" || !path.startsWith("/") || /[\s]/.test(path)) {
      throw p.invalid(`${rule}; Http must be a path starting with '/', got ${JSON.stringify(path)}.`);
    }
    return { kind: "http", path };
  }
  if (keys.length === 1 && keys[0] === "Tcp") {
    if (!p.booleanValue("ReadinessCheck.Tcp", check["Tcp"], false)) throw p.invalid(`${rule}; Tcp must be true.`);
    return { kind: "tcp" };
  }
  throw p.invalid(`${rule}, got ${JSON.stringify(v)}.`);
}
