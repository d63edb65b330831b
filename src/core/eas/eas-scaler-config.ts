import { DomainError } from "../shared/domain-error.ts";
import { EasErrorCodes } from "./eas-errors.ts";

/** One autoscaling rule (A.3.13): `qps` is per-instance requests per second. */
export interface EasScaleStrategy {
  readonly metricName: string;
  readonly threshold: number;
  readonly service?: string;
}

/** CreateServiceAutoScaler / UpdateServiceAutoScaler, validated (A.3.13). */
export interface EasAutoscaler {
  readonly min: number;
  readonly max: number;
  readonly strategies: readonly EasScaleStrategy[];
  readonly scaleUpWindowSeconds: number;
  readonly scaleDownWindowSeconds: number;
  /** The behavior object as given, echoed by DescribeServiceAutoScaler. */
  readonly behavior: Readonly<Record<string, unknown>>;
}

export interface EasCronJob {
  readonly name: string;
  readonly schedule: string;
  readonly targetSize: number;
  readonly timeZone: string;
  readonly createdAt: Date;
  /** When the job last fired (LastProbeTime) and what it did. */
  readonly lastRunAt?: Date;
  readonly lastMessage?: string;
}

export interface EasCronScaler {
  readonly jobs: readonly EasCronJob[];
  readonly excludeDates: readonly string[];
}

export const SUPPORTED_METRICS = ["qps"] as const;

const bad = (parameter: string, message: string) => new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, message, { parameter });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function windowOf(behavior: Record<string, unknown>, key: "scaleUp" | "scaleDown", fallback: number): number {
  const part = behavior[key];
  if (part === undefined) return fallback;
  const w = isObject(part) ? part.stabilizationWindowSeconds : undefined;
  if (w === undefined) return fallback;
  if (typeof w !== "number" || !Number.isInteger(w) || w < 0 || w > 3600) {
    throw bad(`behavior.${key}.stabilizationWindowSeconds`, `behavior.${key}.stabilizationWindowSeconds must be an integer from 0 to 3600.`);
  }
  return w;
}

/** Validates an autoscaler body: min >= 1 (scale to zero is not offered), max > min, qps rules. */
export function parseAutoscaler(body: { min?: unknown; max?: unknown; scaleStrategies?: unknown; behavior?: unknown }): EasAutoscaler {
  const { min, max } = body;
  if (min === undefined) throw new DomainError("InvalidArgument", "MISSING_PARAMETER", "min is mandatory for this action.", { parameter: "min" });
  if (max === undefined) throw new DomainError("InvalidArgument", "MISSING_PARAMETER", "max is mandatory for this action.", { parameter: "max" });
  if (typeof min !== "number" || !Number.isInteger(min) || min < 1 || min > 100) throw bad("min", "min must be an integer from 1 to 100.");
  if (typeof max !== "number" || !Number.isInteger(max) || max <= min || max > 100) throw bad("max", "max must be an integer greater than min, at most 100.");
  const raw = body.scaleStrategies ?? [];
  if (!Array.isArray(raw) || raw.length === 0) throw bad("scaleStrategies", "scaleStrategies must list at least one {metricName, threshold}.");
  const strategies = raw.map((s, i): EasScaleStrategy => {
    if (!isObject(s) || typeof s.metricName !== "string") throw bad(`scaleStrategies[${i}].metricName`, "Each scale strategy needs a metricName.");
    if (!(SUPPORTED_METRICS as readonly string[]).includes(s.metricName)) {
      throw bad(`scaleStrategies[${i}].metricName`, `metricName ${s.metricName} is not supported by nestbox: use ${SUPPORTED_METRICS.join(", ")} (cpu and gpu metrics need the kubernetes driver).`);
    }
    if (typeof s.threshold !== "number" || !(s.threshold > 0)) throw bad(`scaleStrategies[${i}].threshold`, "threshold must be a number greater than 0.");
    return { metricName: s.metricName, threshold: s.threshold, ...(typeof s.service === "string" && s.service ? { service: s.service } : {}) };
  });
  const behavior = body.behavior === undefined ? {} : body.behavior;
  if (!isObject(behavior)) throw bad("behavior", "behavior must be an object.");
  return {
    min,
    max,
    strategies,
    scaleUpWindowSeconds: windowOf(behavior, "scaleUp", 0),
    scaleDownWindowSeconds: windowOf(behavior, "scaleDown", 300),
    behavior,
  };
}
