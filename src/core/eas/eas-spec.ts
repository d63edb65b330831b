import { DomainError } from "../shared/domain-error.ts";
import { EasErrorCodes } from "./eas-errors.ts";

/**
 * The service spec of CreateService / UpdateService (EAS_SERVICESTAGE.md A.5): a JSON object,
 * stored as given (unknown keys are kept and echoed in ServiceConfig). Only the parts nestbox
 * acts on are read here.
 */
export type ServiceSpec = Record<string, unknown>;

/** What one instance runs, as the local driver can run it: one process per instance. */
export interface EasRunSpec {
  /** argv; `script` runs through /bin/sh -c, `command` too (both are shell text in EAS). */
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The container port of the spec (kept for ContainerInfo.Port); the replica gets its own in PORT. */
  readonly containerPort?: number;
  /** Ready once a TCP connection to PORT is accepted, or after a start grace without a port. */
  readonly readiness: "tcp" | "none";
}

/** The sizing and placement the spec asks for, recorded on the service (A.5 "Derive Service fields"). */
export interface EasSizing {
  readonly instances: number;
  readonly cpu: number;
  readonly memory: number;
  readonly gpu: number;
  readonly gpuMemory: number;
  readonly gpuCorePercentage: number;
  readonly instanceType: string;
  readonly serviceType: string;
  readonly role: string;
  readonly group: string;
  readonly workspaceId: string;
  readonly image: string;
}

export const MAX_INSTANCES = 100;
const NAME = /^[a-z][a-z0-9_]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const specError = (parameter: string, message: string) =>
  new DomainError("InvalidArgument", EasErrorCodes.SPEC_INVALID, message, { parameter });
const unsupported = (parameter: string, message: string) =>
  new DomainError("InvalidArgument", EasErrorCodes.SPEC_UNSUPPORTED, message, { parameter });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const metadataOf = (spec: ServiceSpec): Record<string, unknown> => (isObject(spec.metadata) ? spec.metadata : {});

/** The name from `metadata.name` (newer specs) or top-level `name` (older ones), A.3.1. */
export function specName(spec: ServiceSpec): string {
  const raw = metadataOf(spec).name ?? spec.name;
  if (raw === undefined || raw === "") throw specError("name", "The service spec must name the service (name or metadata.name).");
  if (typeof raw !== "string" || !NAME.test(raw)) {
    throw specError("name", `The service name ${JSON.stringify(raw)} is not valid: lower-case letters, digits and '_', starting with a letter, at most 63 characters.`);
  }
  return raw;
}

function integerAt(v: unknown, parameter: string, min: number, max: number, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw specError(parameter, `${parameter} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}.`);
  }
  return n;
}

const stringAt = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : fallback);

export function specSizing(spec: ServiceSpec): EasSizing {
  const m = metadataOf(spec);
  const cloud = isObject(spec.cloud) && isObject(spec.cloud.computing) ? spec.cloud.computing : {};
  const firstInstance = Array.isArray(cloud.instances) && isObject(cloud.instances[0]) ? stringAt(cloud.instances[0].type) : "";
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return {
    instances: integerAt(m.instance, "metadata.instance", 0, MAX_INSTANCES, 1),
    cpu: integerAt(m.cpu, "metadata.cpu", 0, 1024, 1),
    memory: integerAt(m.memory, "metadata.memory", 0, 4 * 1024 * 1024, 1000),
    gpu: integerAt(m.gpu, "metadata.gpu", 0, 64, 0),
    gpuMemory: integerAt(m.gpu_memory, "metadata.gpu_memory", 0, 1024, 0),
    gpuCorePercentage: integerAt(m.gpu_core_percentage, "metadata.gpu_core_percentage", 0, 100, 0),
    instanceType: stringAt(cloud.instance_type) || firstInstance,
    serviceType: stringAt(m.type, "Standard"),
    role: stringAt(m.role),
    group: stringAt(m.group),
    workspaceId: stringAt(m.workspace_id),
    image: isObject(containers[0]) ? stringAt(containers[0].image) : "",
  };
}

/**
 * What the local driver runs for this spec: `containers[0].script` or `.command` with its env.
 * Anything that needs a container runtime or a model processor is refused with a message naming
 * the driver that can run it (the local driver runs processes on this host only).
 */
export function specRunSpec(spec: ServiceSpec): EasRunSpec {
  for (const key of ["processor", "processor_path", "processor_type", "model_path", "data_image"]) {
    if (spec[key] !== undefined && spec[key] !== "") {
      throw unsupported(key, `The service spec sets ${key}: built-in processors and models need the kubernetes driver; nestbox's local driver runs containers[].script or containers[].command as a process.`);
    }
  }
  if (spec.containers === undefined) throw specError("containers", "The service spec needs containers[0] with a script or a command to run.");
  if (!Array.isArray(spec.containers) || spec.containers.length === 0 || !spec.containers.every(isObject)) {
    throw specError("containers", "containers must be a non-empty list of objects.");
  }
  if (spec.containers.length > 1) {
    throw unsupported("containers", "The service spec has several containers: sidecars need the kubernetes driver; nestbox's local driver runs one process per instance.");
  }
  const c = spec.containers[0] as Record<string, unknown>;
  if (c.image !== undefined && c.image !== "") {
    throw unsupported("containers[0].image", `containers[0].image (${stringAt(c.image)}) needs a container runtime, which the kubernetes driver provides; nestbox's local driver runs containers[0].script or containers[0].command on this host. Remove the image to run the script locally.`);
  }
  const gpu = metadataOf(spec).gpu;
  if (gpu !== undefined && Number(gpu) > 0) throw unsupported("metadata.gpu", "GPUs need the kubernetes driver; nestbox's local driver has none.");
  const text = c.script ?? c.command;
  if (typeof text !== "string" || text.trim() === "") throw specError("containers[0].script", "containers[0] needs a script (or command) to run.");
  const port = c.port === undefined ? undefined : integerAt(c.port, "containers[0].port", 1, 65535, 0);
  return { argv: ["/bin/sh", "-c", text], env: envOf(c.env), ...(port !== undefined ? { containerPort: port } : {}), readiness: port !== undefined ? "tcp" : "none" };
}

function envOf(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) throw specError("containers[0].env", "containers[0].env must be a list of {name, value}.");
  const env: Record<string, string> = {};
  for (const [i, e] of raw.entries()) {
    if (!isObject(e) || typeof e.name !== "string" || !ENV_NAME.test(e.name)) {
      throw specError(`containers[0].env[${i}]`, `containers[0].env[${i}] must be {name, value} with a variable name of letters, digits and '_'.`);
    }
    if (e.name === "PORT" || e.name.startsWith("NESTBOX_")) {
      throw specError(`containers[0].env[${i}]`, `containers[0].env cannot set ${e.name}: nestbox sets it for each instance.`);
    }
    env[e.name] = stringAt(e.value);
  }
  return env;
}

/** Checks everything nestbox reads from a spec; returns the name. Throws InvalidArgument. */
export function validateSpec(spec: unknown): { spec: ServiceSpec; name: string; sizing: EasSizing; run: EasRunSpec } {
  if (!isObject(spec)) throw specError("body", "The service spec must be a JSON object.");
  return { spec, name: specName(spec), sizing: specSizing(spec), run: specRunSpec(spec) };
}

/** UpdateService merge (A.3.3): objects merge recursively, anything else is replaced. */
export function mergeSpec(base: ServiceSpec, patch: ServiceSpec): ServiceSpec {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(out[k]) ? mergeSpec(out[k] as ServiceSpec, v) : v;
  return out;
}

/** A copy of the spec with metadata.instance set (ScaleService keeps ServiceConfig in step). */
export function withInstances(spec: ServiceSpec, instances: number): ServiceSpec {
  return { ...spec, metadata: { ...metadataOf(spec), instance: instances } };
}
