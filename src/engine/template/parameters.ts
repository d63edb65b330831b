import type { ParameterDeclaration, Template } from "./template-model.ts";
import { parameterInvalid, templateInvalid } from "./template-errors.ts";

export interface ResolvedParameters {
  /** Every declared parameter with its typed value (defaults applied). */
  readonly values: Record<string, unknown>;
  readonly noEcho: string[];
}

/**
 * Pseudo names Compute Nest passes beside the template's own parameters (ALIBABA.md 6.7): the
 * deployment region travels as Parameters.RegionId without being declared.
 */
export const PASSTHROUGH_PARAMETERS = new Set(["RegionId"]);

/**
 * Coerces wire values to each parameter's Type, applies defaults and checks every rule
 * (ALIBABA.md 6.2). Unknown parameters are refused, except the passthrough ones.
 * Throws DomainError(InvalidArgument, TEMPLATE_PARAMETER_INVALID) naming the parameter and rule.
 */
export function resolveParameters(template: Template, given: Readonly<Record<string, unknown>>): ResolvedParameters {
  for (const name of Object.keys(given)) {
    if (!(name in template.Parameters) && !PASSTHROUGH_PARAMETERS.has(name)) {
      throw parameterInvalid(name, "Declared", "the template declares no such parameter");
    }
  }
  const values: Record<string, unknown> = {};
  const noEcho: string[] = [];
  for (const [name, decl] of Object.entries(template.Parameters)) {
    if (decl.NoEcho === true || String(decl.NoEcho) === "true") noEcho.push(name);
    const supplied = given[name];
    if (supplied === undefined || supplied === null) {
      if (decl.Default === undefined) throw parameterInvalid(name, "Required", "a value is required (the parameter has no Default)");
      values[name] = coerce(name, decl, decl.Default, true);
    } else {
      values[name] = coerce(name, decl, supplied, false);
    }
    check(name, decl, values[name]);
  }
  return { values, noEcho };
}

function coerce(name: string, decl: ParameterDeclaration, raw: unknown, isDefault: boolean): unknown {
  const fail = (msg: string) =>
    isDefault ? templateInvalid(`Parameters.${name}.Default`, msg) : parameterInvalid(name, "Type", msg);
  switch (decl.Type) {
    case "Number": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw fail(`value '${String(raw)}' is not a Number`);
      return n;
    }
    case "Boolean": {
      if (raw === true || raw === "true" || raw === "True") return true;
      if (raw === false || raw === "false" || raw === "False") return false;
      throw fail(`value '${String(raw)}' is not a Boolean (true or false)`);
    }
    case "CommaDelimitedList": {
      if (Array.isArray(raw)) return raw.map(String);
      if (typeof raw === "string") return raw === "" ? [] : raw.split(",").map((s) => s.trim());
      throw fail("value is not a comma-delimited list");
    }
    case "Json": {
      if (typeof raw !== "string") return raw;
      try {
        return JSON.parse(raw);
      } catch {
        throw fail("value is not valid JSON");
      }
    }
    default: {
      if (typeof raw === "object") throw fail("value is not a String");
      return String(raw);
    }
  }
}

function check(name: string, decl: ParameterDeclaration, value: unknown): void {
  const why = (rule: string, msg: string) => {
    const hint = decl.ConstraintDescription ? ` (${describe(decl.ConstraintDescription)})` : "";
    return parameterInvalid(name, rule, msg + hint);
  };
  const shown = typeof value === "string" ? `'${value}'` : JSON.stringify(value);
  if (decl.AllowedValues) {
    const allowed = decl.AllowedValues.map(String);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (!allowed.includes(String(v))) throw why("AllowedValues", `value ${shown} is not one of AllowedValues ${allowed.join(", ")}`);
    }
  }
  if (typeof value === "string") {
    if (decl.AllowedPattern !== undefined && !new RegExp(`^(?:${decl.AllowedPattern})$`).test(value)) {
      throw why("AllowedPattern", `value ${shown} does not match AllowedPattern ${decl.AllowedPattern}`);
    }
    if (decl.MinLength !== undefined && value.length < Number(decl.MinLength)) {
      throw why("MinLength", `value is shorter than MinLength ${decl.MinLength}`);
    }
    if (decl.MaxLength !== undefined && value.length > Number(decl.MaxLength)) {
      throw why("MaxLength", `value is longer than MaxLength ${decl.MaxLength}`);
    }
  }
  if (typeof value === "number") {
    if (decl.MinValue !== undefined && value < Number(decl.MinValue)) throw why("MinValue", `value ${value} is less than MinValue ${decl.MinValue}`);
    if (decl.MaxValue !== undefined && value > Number(decl.MaxValue)) throw why("MaxValue", `value ${value} is greater than MaxValue ${decl.MaxValue}`);
  }
}

function describe(v: unknown): string {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") return String((v as Record<string, unknown>).en ?? Object.values(v)[0] ?? "");
  return String(v);
}
