import { DRIVER_ERROR_CODES, terminalError } from "../driver-error.ts";

/**
 * Reads a resource's resolved properties with ROS-like leniency: template parameters often arrive
 * as strings, so numeric and boolean strings are accepted where a number or boolean is expected.
 * Every failure is a terminal `INVALID_PROPERTIES` naming the type and the property.
 */
export class PropertyReader {
  constructor(
    private readonly type: string,
    private readonly properties: Readonly<Record<string, unknown>>,
  ) {
    if (properties === null || typeof properties !== "object" || Array.isArray(properties)) {
      throw this.invalid(`Properties of ${type} must be an object.`);
    }
  }

  /** Rejects properties this type does not know, so typos are not silently ignored. */
  allowOnly(names: readonly string[]): void {
    const unknown = Object.keys(this.properties).filter((k) => !names.includes(k));
    if (unknown.length > 0) {
      throw this.invalid(
        `${this.type} has no property ${unknown.map((k) => JSON.stringify(k)).join(", ")}; known properties: ${names.join(", ")}.`,
      );
    }
  }

  has(name: string): boolean {
    const v = this.properties[name];
    return v !== undefined && v !== null;
  }

  raw(name: string): unknown {
    return this.properties[name];
  }

  string(name: string, fallback?: string): string {
    const v = this.properties[name];
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw this.invalid(`Property ${name} of ${this.type} is required.`);
    }
    if (typeof v !== "string" || v.length === 0) throw this.invalid(`Property ${name} of ${this.type} must be a non-empty string.`);
    return v;
  }

  optionalString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  integer(name: string, range: { min: number; max: number }, fallback: number): number {
    const v = this.properties[name];
    if (v === undefined || v === null) return fallback;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < range.min || n > range.max) {
      throw this.invalid(
        `Property ${name} of ${this.type} must be an integer from ${range.min} to ${range.max}, got ${JSON.stringify(v)}.`,
      );
    }
    return n;
  }

  number(name: string, range: { min: number; max: number }, fallback: number): number {
    const v = this.properties[name];
    if (v === undefined || v === null) return fallback;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isFinite(n) || n < range.min || n > range.max) {
      throw this.invalid(
        `Property ${name} of ${this.type} must be a number from ${range.min} to ${range.max}, got ${JSON.stringify(v)}.`,
      );
    }
    return n;
  }

  boolean(name: string, fallback: boolean): boolean {
    return this.booleanValue(name, this.properties[name], fallback);
  }

  booleanValue(label: string, v: unknown, fallback: boolean): boolean {
    if (v === undefined || v === null) return fallback;
    if (v === true || v === "true" || v === "True") return true;
    if (v === false || v === "false" || v === "False") return false;
    throw this.invalid(`Property ${label} of ${this.type} must be true or false, got ${JSON.stringify(v)}.`);
  }

  /** A list of scalars, each turned into a string (numbers and booleans as written). */
  stringList(name: string): string[] {
    const v = this.properties[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.invalid(`Property ${name} of ${this.type} must be a list of strings.`);
    return v.map((item, i) => this.scalar(`${name}[${i}]`, item));
  }

  /** A map of scalars, each value turned into a string; keys must match `keyPattern`. */
  stringMap(name: string, keyPattern: RegExp, keyRule: string): Record<string, string> {
    const v = this.properties[name];
    if (v === undefined || v === null) return {};
    if (typeof v !== "object" || Array.isArray(v)) throw this.invalid(`Property ${name} of ${this.type} must be a map of strings.`);
    const out: Record<string, string> = {};
    for (const [k, item] of Object.entries(v)) {
      if (!keyPattern.test(k)) throw this.invalid(`Property ${name} of ${this.type} has key ${JSON.stringify(k)}: ${keyRule}.`);
      out[k] = this.scalar(`${name}.${k}`, item);
    }
    return out;
  }

  invalid(message: string) {
    return terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, message);
  }

  private scalar(label: string, v: unknown): string {
    if (typeof v === "string") return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "boolean") return String(v);
    throw this.invalid(`Property ${label} of ${this.type} must be a string, number or boolean, got ${JSON.stringify(v)}.`);
  }
}
