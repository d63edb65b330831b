import { invalidParam } from "./servicestage-errors.ts";
import type { Json, JsonObject } from "./servicestage-model.ts";

/**
 * Field rules of EAS_SERVICESTAGE.md B.3-B.6. Each check throws InvalidArgument naming the
 * parameter in the wire's words, so the face can answer SVCSTG.00100400 with it.
 */

/** 2-64 letters, digits, `-`, `_`; starts with a letter, ends with a letter or digit (B.3, B.4, B.5). */
const RESOURCE_NAME = /^[A-Za-z]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])$/;
/** 2-63 lower-case letters, digits, `-` (B.6.1). */
const INSTANCE_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

export function requireString(value: unknown, parameter: string, options: { max?: number; min?: number } = {}): string {
  if (typeof value !== "string") throw invalidParam(parameter, `${parameter} is required and must be a string.`);
  if (options.min !== undefined && value.length < options.min) throw invalidParam(parameter, `${parameter} must have at least ${options.min} characters.`);
  if (options.max !== undefined && value.length > options.max) throw invalidParam(parameter, `${parameter} must have at most ${options.max} characters.`);
  return value;
}

export function optionalString(value: unknown, parameter: string, max?: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  return requireString(value, parameter, max !== undefined ? { max } : {});
}

export function resourceName(value: unknown, parameter = "name"): string {
  const name = requireString(value, parameter);
  if (!RESOURCE_NAME.test(name)) {
    throw invalidParam(parameter, `${parameter} must have 2 to 64 characters (letters, digits, '-', '_'), start with a letter and end with a letter or digit.`);
  }
  return name;
}

export function instanceName(value: unknown): string {
  const name = requireString(value, "name");
  if (!INSTANCE_NAME.test(name)) {
    throw invalidParam("name", "name must have 2 to 63 characters (lower-case letters, digits, '-'), start with a lower-case letter and end with a letter or digit.");
  }
  return name;
}

export function description(value: unknown, parameter = "description"): string {
  return optionalString(value, parameter, 128) ?? "";
}

export function oneOf<T extends string>(value: unknown, parameter: string, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw invalidParam(parameter, `${parameter} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value ?? null)}.`);
  }
  return value as T;
}

export function semver(value: unknown, parameter = "version"): string {
  const v = requireString(value, parameter);
  if (!SEMVER.test(v)) throw invalidParam(parameter, `${parameter} must be a semantic version such as 1.0.0, got ${JSON.stringify(v)}.`);
  return v;
}

export function integer(value: unknown, parameter: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalidParam(parameter, `${parameter} must be an integer from ${min} to ${max}, got ${JSON.stringify(value ?? null)}.`);
  }
  return value;
}

export function jsonObject(value: unknown, parameter: string): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw invalidParam(parameter, `${parameter} must be an object.`);
  return value as JsonObject;
}

export function array(value: unknown, parameter: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParam(parameter, `${parameter} must be an array.`);
  return value as Json[];
}

/** Flavors of B.6.1: the five named ones and CUSTOM-{n}G:{cpu}-{cpu}:{mem}Gi-{mem}Gi. */
export const NAMED_FLAVORS = ["MICRO-5G:0.5C:1G", "SMALL-10G:1.0C:2G", "STANDARD-30G:2.0C:4G", "LARGE-50G:4.0C:8G", "XLARGE-100G:4.0C:16G"] as const;
const CUSTOM_FLAVOR = /^CUSTOM-\d+G:(\d+(\.\d+)?C|\d+m)-(\d+(\.\d+)?C|\d+m):\d+(\.\d+)?Gi-\d+(\.\d+)?Gi$/;

export function flavorId(value: unknown): string {
  const v = requireString(value, "flavor_id");
  if (!(NAMED_FLAVORS as readonly string[]).includes(v) && !CUSTOM_FLAVOR.test(v)) {
    throw invalidParam("flavor_id", `flavor_id must be one of ${NAMED_FLAVORS.join(", ")} or CUSTOM-{n}G:{cpuMax}-{cpuMin}:{memMax}Gi-{memMin}Gi, got ${JSON.stringify(v)}.`);
  }
  return v;
}
