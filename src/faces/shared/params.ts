import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Type, type TSchema } from "@sinclair/typebox";
import { DomainError } from "../../core/shared/domain-error.ts";

/**
 * Turns flat wire parameters into nested values (ALIBABA.md 1.4): `Tag.1.Key` -> Tag[0].Key,
 * `Filter.1.Value.2` -> Filter[0].Value[1], `Commodity.PayPeriod` -> Commodity.PayPeriod.
 * A numeric segment makes an array (1-based on the wire); gaps are closed up in wire order.
 */
export function unflatten(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, any> = {};
  let nested = false;
  for (const key in flat) {
    const value = flat[key]!;
    if (!key.includes(".")) {
      if (!(key in root) || typeof root[key] !== "object") root[key] = value;
      continue;
    }
    nested = true;
    const parts = key.split(".");
    let node: any = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      const slot = Array.isArray(node) ? Number(part) : part;
      if (last) {
        if (node[slot] === undefined || typeof node[slot] !== "object") node[slot] = value;
      } else {
        if (node[slot] === undefined || typeof node[slot] !== "object") node[slot] = nextIsIndex ? [] : {};
        node = node[slot];
      }
    }
  }
  // Most requests name only plain parameters: nothing to compact.
  return nested ? (compactArrays(root) as Record<string, unknown>) : root;
}

function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactArrays);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = compactArrays(v);
    return out;
  }
  return value;
}

const JSON_PARAM = "x-nestbox-json";

/**
 * A parameter sent as one JSON string (the SDKs' "shrink" style) or as flattened `Name.Key`
 * entries; both arrive at the operation as the parsed value (CLIENTS.md 4.5).
 */
export function JsonParam<T extends TSchema>(schema: T): T {
  return { ...schema, [JSON_PARAM]: true } as T;
}

/** Names an Alibaba wire parameter from an Ajv instance path: /Tag/0/Key -> Tag.1.Key. */
export function wireName(instancePath: string, property?: string): string {
  const parts = instancePath.split("/").filter(Boolean).map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : p));
  if (property) parts.push(property);
  return parts.join(".");
}

/**
 * Validates and coerces an operation's parameters against its TypeBox schema, compiled once.
 * Missing required -> DomainError InvalidArgument code MISSING_PARAMETER; anything else
 * malformed -> INVALID_PARAMETER; details.parameter names the wire parameter.
 */
export class ParamValidator {
  private readonly ajv = new Ajv({ coerceTypes: "array", useDefaults: true, allErrors: false, strict: false });
  private readonly compiled = new WeakMap<TSchema, { validate: ValidateFunction; jsonParams: string[] }>();

  /** Flat wire parameters -> the operation's typed input. */
  parse(schema: TSchema, flat: Readonly<Record<string, string>>): Record<string, unknown> {
    const entry = this.entry(schema);
    const input = unflatten(flat);
    for (const name of entry.jsonParams) {
      const raw = input[name];
      if (typeof raw !== "string") continue;
      if (raw.trim() === "") {
        delete input[name];
        continue;
      }
      try {
        input[name] = JSON.parse(raw);
      } catch {
        throw new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified parameter ${name} is not valid JSON.`, {
          parameter: name,
        });
      }
    }
    if (!entry.validate(input)) throw toParameterError(entry.validate.errors?.[0]);
    return input;
  }

  /** Validates an already-structured value (a JSON body) against a schema. */
  check<T>(schema: TSchema, value: T): T {
    const entry = this.entry(schema);
    if (!entry.validate(value)) throw toParameterError(entry.validate.errors?.[0]);
    return value;
  }

  private entry(schema: TSchema): { validate: ValidateFunction; jsonParams: string[] } {
    let entry = this.compiled.get(schema);
    if (!entry) {
      const props = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
      entry = {
        validate: this.ajv.compile(schema),
        jsonParams: Object.entries(props).filter(([, s]) => (s as any)[JSON_PARAM]).map(([k]) => k),
      };
      this.compiled.set(schema, entry);
    }
    return entry;
  }
}

function toParameterError(error: ErrorObject | undefined): DomainError {
  if (!error) return new DomainError("InvalidArgument", "INVALID_PARAMETER", "The request parameters are not valid.");
  if (error.keyword === "required") {
    const name = wireName(error.instancePath, (error.params as { missingProperty: string }).missingProperty);
    return new DomainError("InvalidArgument", "MISSING_PARAMETER", `${name} is mandatory for this action.`, { parameter: name });
  }
  const name = wireName(error.instancePath) || "request";
  const rule =
    error.keyword === "enum"
      ? `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`
      : (error.message ?? "is malformed");
  return new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified parameter ${name} is not valid: ${rule}.`, {
    parameter: name,
    rule: error.keyword,
  });
}

/** Re-exported so operation files need one import for the common helpers. */
export { Type };
