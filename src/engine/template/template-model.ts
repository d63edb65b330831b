import { parseTemplateDocument } from "../template-source/template-document.ts";
import { templateInvalid } from "./template-errors.ts";

export const FORMAT_VERSION = "2015-09-01";

export interface ParameterDeclaration {
  readonly Type: string;
  readonly Default?: unknown;
  readonly AllowedValues?: unknown[];
  readonly AllowedPattern?: string;
  readonly MinLength?: number;
  readonly MaxLength?: number;
  readonly MinValue?: number;
  readonly MaxValue?: number;
  readonly NoEcho?: boolean;
  readonly Label?: unknown;
  readonly Description?: unknown;
  readonly ConstraintDescription?: unknown;
}

export interface ResourceDeclaration {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: "Delete" | "Retain";
}

export interface OutputDeclaration {
  readonly Value: unknown;
  readonly Description?: unknown;
  readonly Condition?: string;
  readonly Label?: unknown;
  readonly NoEcho?: boolean;
}

/** A parsed, structurally valid ROS template (ALIBABA.md 6). */
export interface Template {
  readonly Parameters: Readonly<Record<string, ParameterDeclaration>>;
  readonly Mappings: Readonly<Record<string, Record<string, Record<string, unknown>>>>;
  readonly Conditions: Readonly<Record<string, unknown>>;
  readonly Resources: Readonly<Record<string, ResourceDeclaration>>;
  readonly Outputs: Readonly<Record<string, OutputDeclaration>>;
}

export const PARAMETER_TYPES = ["String", "Number", "CommaDelimitedList", "Json", "Boolean"] as const;

const NAME = /^[A-Za-z0-9]+$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses JSON or YAML text (YAML short forms included) and checks the template's structure.
 * References and functions are checked by `validateReferences` (template-references.ts).
 * Throws DomainError(InvalidArgument, TEMPLATE_INVALID) naming the path and the rule.
 */
export function parseTemplate(text: string): Template {
  // Templates are immutable text, and each deploy re-reads its template at every step (plans are
  // rebuilt, not stored): keep the last few parsed, frozen so no caller can change a shared one.
  const cached = parsed.get(text);
  if (cached) return cached;
  const template = deepFreeze(parseUncached(text));
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, template);
  return template;
}

const PARSED_MAX = 64;
const parsed = new Map<string, Template>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function parseUncached(text: string): Template {
  let doc: unknown;
  try {
    doc = parseTemplateDocument(text);
  } catch (e) {
    throw templateInvalid("body", `is not valid JSON or YAML (${(e as Error).message})`);
  }
  return checkTemplate(doc);
}

export function checkTemplate(doc: unknown): Template {
  if (!isObject(doc)) throw templateInvalid("body", "must be a JSON or YAML object");
  if (doc.ROSTemplateFormatVersion !== FORMAT_VERSION) {
    throw templateInvalid("ROSTemplateFormatVersion", `must be '${FORMAT_VERSION}'`);
  }
  const section = (name: string, required = false): Record<string, any> => {
    const v = doc[name];
    if (v === undefined || v === null) {
      if (required) throw templateInvalid(name, "is required");
      return {};
    }
    if (!isObject(v)) throw templateInvalid(name, "must be an object");
    return v;
  };
  const parameters = section("Parameters");
  for (const [name, p] of Object.entries(parameters)) {
    if (!NAME.test(name)) throw templateInvalid(`Parameters.${name}`, "a parameter name has only letters and digits");
    if (!isObject(p)) throw templateInvalid(`Parameters.${name}`, "must be an object");
    const type = String(p.Type ?? "");
    if (!(PARAMETER_TYPES as readonly string[]).includes(type) && !type.startsWith("ALIYUN::OOS::")) {
      throw templateInvalid(`Parameters.${name}.Type`, `unknown type '${type}' (String, Number, CommaDelimitedList, Json, Boolean)`);
    }
    if (p.AllowedValues !== undefined && !Array.isArray(p.AllowedValues)) throw templateInvalid(`Parameters.${name}.AllowedValues`, "must be a list");
    if (p.AllowedPattern !== undefined) {
      try {
        new RegExp(String(p.AllowedPattern));
      } catch {
        throw templateInvalid(`Parameters.${name}.AllowedPattern`, "is not a valid regular expression");
      }
    }
    for (const k of ["MinLength", "MaxLength", "MinValue", "MaxValue"]) {
      if (p[k] !== undefined && Number.isNaN(Number(p[k]))) throw templateInvalid(`Parameters.${name}.${k}`, "must be a number");
    }
  }
  const resources = section("Resources", true);
  if (Object.keys(resources).length === 0) throw templateInvalid("Resources", "must declare at least one resource");
  for (const [id, r] of Object.entries(resources)) {
    if (!NAME.test(id)) throw templateInvalid(`Resources.${id}`, "a logical id has only letters and digits");
    if (!isObject(r) || typeof r.Type !== "string" || !r.Type) throw templateInvalid(`Resources.${id}.Type`, "is required and must be a string");
    if (r.Properties !== undefined && !isObject(r.Properties)) throw templateInvalid(`Resources.${id}.Properties`, "must be an object");
    if (r.DependsOn !== undefined && typeof r.DependsOn !== "string" && !(Array.isArray(r.DependsOn) && r.DependsOn.every((d) => typeof d === "string"))) {
      throw templateInvalid(`Resources.${id}.DependsOn`, "must be a logical id or a list of them");
    }
    if (r.DeletionPolicy !== undefined && r.DeletionPolicy !== "Delete" && r.DeletionPolicy !== "Retain") {
      throw templateInvalid(`Resources.${id}.DeletionPolicy`, "must be Delete or Retain");
    }
  }
  const outputs = section("Outputs");
  for (const [name, o] of Object.entries(outputs)) {
    if (!isObject(o) || !("Value" in o)) throw templateInvalid(`Outputs.${name}.Value`, "is required");
  }
  const mappings = section("Mappings");
  const conditions = section("Conditions");
  for (const name of Object.keys(parameters)) {
    if (name in resources) throw templateInvalid(`Resources.${name}`, "a resource and a parameter cannot share a name");
  }
  return { Parameters: parameters, Mappings: mappings, Conditions: conditions, Resources: resources, Outputs: outputs } as Template;
}
