import { badArgument, CatalogErrorCodes } from "./catalog-errors.ts";

/**
 * DeployMetadata of a ros service (ALIBABA.md 4.4), the part nestbox acts on:
 *
 *   { "TemplateConfigs": [ { "Name": "Default", "Url": "https://…/template.yaml",
 *       "AllowedRegions": ["cn-hangzhou"], "HiddenParameterKeys": [],
 *       "PredefinedParameters": [ { "Name": "Small", "Description": "…", "Parameters": { "Replicas": 1 } } ] } ] }
 *
 * `Url` may be `https://`, `http://` or `file:///absolute/path` (when the server allows files).
 * nestbox extension: instead of `Url` a TemplateConfig may carry the template itself in
 * `TemplateBody` (a JSON or YAML string), the way ROS CreateStack takes TemplateBody or
 * TemplateURL; `nestbox services publish` sends folder templates this way. Exactly one of the two.
 * nestbox extension: `DisableRollback: true` on a TemplateConfig (ROS CreateStack's name for it)
 * keeps what a failed deployment made, so ContinueDeployServiceInstance resumes from there
 * instead of starting over; by default a failed deployment removes what it made.
 * Every other key (SupplierDeployMetadata, NetworkMetadata, ...) is kept as sent and echoed.
 */
export interface PredefinedParameterSet {
  readonly name: string;
  readonly description?: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface TemplateConfig {
  readonly name: string;
  readonly url?: string;
  readonly templateBody?: string;
  readonly allowedRegions?: readonly string[];
  readonly hiddenParameterKeys?: readonly string[];
  readonly predefinedParameters: readonly PredefinedParameterSet[];
  readonly disableRollback: boolean;
}

export interface DeployMetadata {
  readonly templateConfigs: readonly TemplateConfig[];
}

const PARAM = "DeployMetadata";
const fail = (message: string) => badArgument(PARAM, message, CatalogErrorCodes.DEPLOY_METADATA_INVALID);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses JSON text that must be an object; throws InvalidArgument METADATA_INVALID naming `parameter`. */
export function parseJsonObject(text: string, parameter: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badArgument(parameter, `${parameter} is not valid JSON: ${(e as Error).message}`, CatalogErrorCodes.METADATA_INVALID);
  }
  if (!isObject(value)) {
    throw badArgument(parameter, `${parameter} must be a JSON object.`, CatalogErrorCodes.METADATA_INVALID);
  }
  return value;
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw fail(`${where} must be an array of strings.`);
  }
  return value;
}

function optionalBoolean(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw fail(`${where} must be true or false.`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw fail(`${where} must be a string.`);
  return value;
}

/** Validates the DeployMetadata text and returns the template configurations. Pure. */
export function parseDeployMetadata(text: string): DeployMetadata {
  const doc = parseJsonObject(text, PARAM);
  const raw = doc["TemplateConfigs"];
  if (raw === undefined || raw === null) return { templateConfigs: [] };
  if (!Array.isArray(raw)) throw fail("DeployMetadata.TemplateConfigs must be an array.");
  const names = new Set<string>();
  const templateConfigs = raw.map((item, i): TemplateConfig => {
    const where = `DeployMetadata.TemplateConfigs[${i}]`;
    if (!isObject(item)) throw fail(`${where} must be an object.`);
    const name = item["Name"];
    if (typeof name !== "string" || name.trim() === "") throw fail(`${where}.Name is required.`);
    if (names.has(name)) throw fail(`${where}.Name "${name}" is used by more than one template.`);
    names.add(name);
    const url = optionalString(item["Url"], `${where}.Url`);
    const templateBody = optionalString(item["TemplateBody"], `${where}.TemplateBody`);
    if ((url === undefined || url === "") === (templateBody === undefined || templateBody === "")) {
      throw fail(`${where} needs exactly one of Url and TemplateBody.`);
    }
    return {
      name,
      url: url || undefined,
      templateBody: templateBody || undefined,
      allowedRegions: stringList(item["AllowedRegions"], `${where}.AllowedRegions`),
      hiddenParameterKeys: stringList(item["HiddenParameterKeys"], `${where}.HiddenParameterKeys`),
      predefinedParameters: parsePredefined(item["PredefinedParameters"], where),
      disableRollback: optionalBoolean(item["DisableRollback"], `${where}.DisableRollback`) ?? false,
    };
  });
  return { templateConfigs };
}

function parsePredefined(value: unknown, where: string): PredefinedParameterSet[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(`${where}.PredefinedParameters must be an array.`);
  const names = new Set<string>();
  return value.map((item, j) => {
    const at = `${where}.PredefinedParameters[${j}]`;
    if (!isObject(item)) throw fail(`${at} must be an object.`);
    const name = item["Name"];
    if (typeof name !== "string" || name.trim() === "") throw fail(`${at}.Name is required.`);
    if (names.has(name)) throw fail(`${at}.Name "${name}" is used by more than one package.`);
    names.add(name);
    const parameters = item["Parameters"] ?? {};
    if (!isObject(parameters)) throw fail(`${at}.Parameters must be an object.`);
    return { name, description: optionalString(item["Description"], `${at}.Description`), parameters };
  });
}

/** ROS templates name this version and no other (ALIBABA.md 6.1). */
export const ROS_TEMPLATE_FORMAT_VERSION = "2015-09-01";

/**
 * Checks that a parsed template is a ROS template and that every predefined parameter exists
 * in it. Returns a problem description, or undefined when the template is acceptable. Pure.
 */
export function checkTemplate(document: unknown, config: TemplateConfig): string | undefined {
  if (!isObject(document)) return "the template must be a mapping (JSON object or YAML map)";
  const version = document["ROSTemplateFormatVersion"];
  if (version !== ROS_TEMPLATE_FORMAT_VERSION) {
    return `ROSTemplateFormatVersion must be '${ROS_TEMPLATE_FORMAT_VERSION}'`;
  }
  for (const section of ["Parameters", "Resources", "Outputs", "Conditions", "Mappings"]) {
    const v = document[section];
    if (v !== undefined && v !== null && !isObject(v)) return `${section} must be a mapping`;
  }
  if (!isObject(document["Resources"])) return "Resources is required";
  const declared = isObject(document["Parameters"]) ? document["Parameters"] : {};
  for (const set of config.predefinedParameters) {
    for (const key of Object.keys(set.parameters)) {
      if (!(key in declared)) {
        return `PredefinedParameters "${set.name}" sets ${key}, which is not a parameter of the template`;
      }
    }
  }
  return undefined;
}
