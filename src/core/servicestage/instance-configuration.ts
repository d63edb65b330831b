import { invalidParam } from "./servicestage-errors.ts";
import type { EnvVar, Json, JsonObject } from "./servicestage-model.ts";
import { array, integer, isObject, oneOf, requireString } from "./servicestage-validation.ts";

/**
 * The `configuration` object of an instance (EAS_SERVICESTAGE.md B.6.2), read into what the local
 * engine acts on. The stored document keeps the caller's words; this is its checked reading.
 * Storage types the local driver cannot provide (ConfigMap, Secret, PVC) are refused rather than
 * silently ignored; scheduler and logs are recorded only.
 */
export interface RunConfiguration {
  readonly env: readonly EnvVar[];
  readonly storage: readonly StorageVolume[];
  readonly strategy: UpgradeStrategy;
  readonly entrypoint?: { readonly command: readonly string[]; readonly args: readonly string[] };
  readonly postStart?: Hook;
  readonly preStop?: Hook;
  readonly readiness?: Probe;
  readonly liveness?: Probe;
}

export interface StorageVolume {
  readonly type: "HostPath" | "EmptyDir";
  /** HostPath only: the directory on this host. */
  readonly hostPath?: string;
  readonly mounts: readonly { readonly path: string; readonly subPath?: string; readonly readOnly: boolean }[];
}

/** maxSurge / maxUnavailable as counts or percentages ("25%") of the replica count. */
export interface UpgradeStrategy {
  readonly type: "RollingUpdate" | "Recreate";
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
}

export type Hook =
  | { readonly type: "command"; readonly command: readonly string[] }
  | { readonly type: "http"; readonly host?: string; readonly port?: number; readonly path: string };

export type Probe =
  | ProbeTiming & { readonly type: "http"; readonly path: string; readonly scheme: "HTTP" | "HTTPS" }
  | ProbeTiming & { readonly type: "tcp" }
  | ProbeTiming & { readonly type: "command"; readonly command: readonly string[] };

export interface ProbeTiming {
  /** Seconds before the first check. */
  readonly delay: number;
  /** Seconds one check may take. */
  readonly timeout: number;
}

const ENV_NAME = /^[A-Za-z_.-][A-Za-z0-9_.-]{0,63}$/;
/** Variables nestbox sets for every replica (local driver). */
const RESERVED_ENV = ["PORT", "NESTBOX_REPLICA_INDEX", "NESTBOX_RUNTIME"];
export const DEFAULT_STRATEGY: UpgradeStrategy = { type: "RollingUpdate", maxSurge: 0, maxUnavailable: 1 };

export function readEnv(value: unknown, parameter = "configuration.env"): EnvVar[] {
  return array(value, parameter).map((item, i) => {
    const at = `${parameter}[${i}]`;
    if (!isObject(item)) throw invalidParam(at, `${at} must be an object {name, value}.`);
    const name = requireString(item.name, `${at}.name`);
    if (!ENV_NAME.test(name) || /^\d/.test(name)) {
      throw invalidParam(`${at}.name`, `${at}.name must have 1 to 64 letters, digits, '_', '-' or '.', and not start with a digit.`);
    }
    if (RESERVED_ENV.includes(name)) throw invalidParam(`${at}.name`, `${name} is set by nestbox for every replica and cannot be configured.`);
    const raw = item.value ?? "";
    if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") throw invalidParam(`${at}.value`, `${at}.value must be a string.`);
    return { name, value: String(raw) };
  });
}

/**
 * Refuses what a new configuration asks for that the local driver cannot honour, naming the
 * field (B.6.2 `readOnly`). Mounts are links into the replica's working directory and replicas
 * run as nestbox's own user (often root, which file modes do not stop), so nothing can keep a
 * replica from writing through a mount: `readOnly: true` is refused rather than ignored. Kept
 * apart from readConfiguration so configurations stored earlier still read.
 */
export function refuseUnenforceable(value: unknown): void {
  if (!isObject(value) || !Array.isArray(value.storage)) return;
  value.storage.forEach((volume, i) => {
    if (!isObject(volume) || !Array.isArray(volume.mounts)) return;
    volume.mounts.forEach((mount, j) => {
      if (!isObject(mount) || mount.readOnly === undefined || mount.readOnly === null || mount.readOnly === false) return;
      const at = `configuration.storage[${i}].mounts[${j}].readOnly`;
      if (mount.readOnly !== true) throw invalidParam(at, `${at} must be a boolean.`);
      throw invalidParam(
        at,
        `${at} cannot be enforced by the local driver: a ${String(volume.type)} mount is a link in the replica's working directory and the replica runs as nestbox's own user, so it could still write. Remove readOnly or set it to false.`,
      );
    });
  });
}

export function readConfiguration(value: unknown): RunConfiguration {
  if (value === undefined || value === null) return { env: [], storage: [], strategy: DEFAULT_STRATEGY };
  if (!isObject(value)) throw invalidParam("configuration", "configuration must be an object.");
  const lifecycle = value.lifecycle === undefined || value.lifecycle === null ? {} : objectAt(value.lifecycle, "configuration.lifecycle");
  const probes = value.probes === undefined || value.probes === null ? {} : objectAt(value.probes, "configuration.probes");
  const entry = lifecycle.entrypoint;
  return {
    env: readEnv(value.env),
    storage: array(value.storage, "configuration.storage").map(readVolume),
    strategy: readStrategy(value.strategy),
    ...(entry !== undefined && entry !== null ? { entrypoint: readEntrypoint(entry) } : {}),
    ...optionalHook(lifecycle["post-start"], "configuration.lifecycle.post-start", "postStart"),
    ...optionalHook(lifecycle["pre-stop"], "configuration.lifecycle.pre-stop", "preStop"),
    ...(probes.readinessProbe ? { readiness: readProbe(probes.readinessProbe, "configuration.probes.readinessProbe") } : {}),
    ...(probes.livenessProbe ? { liveness: readProbe(probes.livenessProbe, "configuration.probes.livenessProbe") } : {}),
  };
}

/** Resolves a strategy's bounds for `replicas` like Kubernetes: surge rounds up, unavailable down, never both 0. */
export function strategyBounds(strategy: UpgradeStrategy, replicas: number): { maxSurge: number; maxUnavailable: number } {
  const resolve = (v: number | string, up: boolean) =>
    typeof v === "number" ? v : (up ? Math.ceil : Math.floor)((Number(v.slice(0, -1)) * replicas) / 100);
  const maxSurge = resolve(strategy.maxSurge, true);
  const maxUnavailable = resolve(strategy.maxUnavailable, false);
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

function objectAt(value: Json, parameter: string): JsonObject {
  if (!isObject(value)) throw invalidParam(parameter, `${parameter} must be an object.`);
  return value;
}

function stringList(value: unknown, parameter: string, required: boolean): string[] {
  const list = array(value, parameter);
  if (required && list.length === 0) throw invalidParam(parameter, `${parameter} must list at least one string.`);
  return list.map((s, i) => requireString(s, `${parameter}[${i}]`));
}

function readEntrypoint(value: Json): { command: string[]; args: string[] } {
  const e = objectAt(value, "configuration.lifecycle.entrypoint");
  return { command: stringList(e.command, "configuration.lifecycle.entrypoint.command", true), args: stringList(e.args, "configuration.lifecycle.entrypoint.args", false) };
}

function readVolume(item: Json, i: number): StorageVolume {
  const at = `configuration.storage[${i}]`;
  const v = objectAt(item, at);
  const type = oneOf(v.type, `${at}.type`, ["HostPath", "EmptyDir", "ConfigMap", "Secret", "PersistentVolumeClaim"]);
  if (type !== "HostPath" && type !== "EmptyDir") throw invalidParam(`${at}.type`, `Storage type ${type} is not available on the local driver; use HostPath or EmptyDir.`);
  const parameters = v.parameters === undefined || v.parameters === null ? {} : objectAt(v.parameters, `${at}.parameters`);
  const mounts = array(v.mounts, `${at}.mounts`).map((m, j) => {
    const mount = objectAt(m, `${at}.mounts[${j}]`);
    const path = requireString(mount.path, `${at}.mounts[${j}].path`);
    if (!path.startsWith("/") || path.split("/").includes("..")) throw invalidParam(`${at}.mounts[${j}].path`, "A mount path must be absolute and must not contain '..'.");
    const subPath = mount.subPath === undefined || mount.subPath === null ? undefined : requireString(mount.subPath, `${at}.mounts[${j}].subPath`);
    if (subPath !== undefined && (subPath.startsWith("/") || subPath.split("/").includes(".."))) throw invalidParam(`${at}.mounts[${j}].subPath`, "subPath must be relative without '..'.");
    return { path, ...(subPath ? { subPath } : {}), readOnly: mount.readOnly === true };
  });
  if (mounts.length === 0) throw invalidParam(`${at}.mounts`, `${at}.mounts must list at least one mount.`);
  if (type === "HostPath") {
    const hostPath = requireString(parameters.path, `${at}.parameters.path`);
    if (!hostPath.startsWith("/")) throw invalidParam(`${at}.parameters.path`, "A HostPath path must be absolute.");
    return { type, hostPath, mounts };
  }
  return { type, mounts };
}

function readStrategy(value: unknown): UpgradeStrategy {
  if (value === undefined || value === null) return DEFAULT_STRATEGY;
  const s = objectAt(value as Json, "configuration.strategy");
  const type = oneOf(s.upgrade, "configuration.strategy.upgrade", ["RollingUpdate", "Recreate"], "RollingUpdate");
  const spec = s.spec === undefined || s.spec === null ? {} : objectAt(s.spec, "configuration.strategy.spec");
  const bound = (v: Json | undefined, name: string, fallback: number): number | string => {
    if (v === undefined || v === null) return fallback;
    if (typeof v === "string" && /^\d{1,3}%$/.test(v) && Number(v.slice(0, -1)) <= 100) return v;
    return integer(v, `configuration.strategy.spec.${name}`, 0, 1000);
  };
  const maxSurge = bound(spec.maxSurge, "maxSurge", 0);
  const maxUnavailable = bound(spec.maxUnavailable, "maxUnavailable", 1);
  if ((maxSurge === 0 || maxSurge === "0%") && (maxUnavailable === 0 || maxUnavailable === "0%")) {
    throw invalidParam("configuration.strategy.spec", "maxSurge and maxUnavailable cannot both be 0.");
  }
  return { type, maxSurge, maxUnavailable };
}

function optionalHook(value: Json | undefined, parameter: string, key: "postStart" | "preStop"): Partial<Record<"postStart" | "preStop", Hook>> {
  if (value === undefined || value === null) return {};
  const h = objectAt(value, parameter);
  const type = oneOf(h.type, `${parameter}.type`, ["command", "http"]);
  const p = h.parameters === undefined || h.parameters === null ? {} : objectAt(h.parameters, `${parameter}.parameters`);
  if (type === "command") return { [key]: { type, command: stringList(p.command, `${parameter}.parameters.command`, true) } };
  const path = p.path === undefined || p.path === null ? "/" : requireString(p.path, `${parameter}.parameters.path`);
  return {
    [key]: {
      type,
      path: path.startsWith("/") ? path : `/${path}`,
      ...(typeof p.host === "string" && p.host ? { host: p.host } : {}),
      ...(p.port !== undefined && p.port !== null ? { port: integer(p.port, `${parameter}.parameters.port`, 1, 65535) } : {}),
    },
  };
}

function readProbe(value: Json, parameter: string): Probe {
  const p = objectAt(value, parameter);
  const type = oneOf(p.type, `${parameter}.type`, ["http", "tcp", "command"]);
  const timing = {
    delay: p.delay === undefined || p.delay === null ? 0 : integer(p.delay, `${parameter}.delay`, 0, 3600),
    timeout: p.timeout === undefined || p.timeout === null ? 1 : integer(p.timeout, `${parameter}.timeout`, 1, 3600),
  };
  const params = p.parameters === undefined || p.parameters === null ? {} : objectAt(p.parameters, `${parameter}.parameters`);
  if (type === "command") return { ...timing, type, command: stringList(params.command, `${parameter}.parameters.command`, true) };
  if (type === "tcp") return { ...timing, type };
  const path = params.path === undefined || params.path === null ? "/" : requireString(params.path, `${parameter}.parameters.path`);
  if (!path.startsWith("/") || /\s/.test(path)) throw invalidParam(`${parameter}.parameters.path`, "An http probe path starts with '/' and has no spaces.");
  return { ...timing, type, path, scheme: oneOf(params.scheme, `${parameter}.parameters.scheme`, ["HTTP", "HTTPS"], "HTTP") };
}
