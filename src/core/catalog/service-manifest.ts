import { DomainError } from "../shared/domain-error.ts";
import { CatalogErrorCodes } from "./catalog-errors.ts";
import type { CreateServiceInput, UpdateServiceInput } from "./catalog-inputs.ts";
import type { ServiceContentInput, ServiceInfoInput, ServiceSettingsInput } from "./service-content.ts";

/**
 * A service folder's manifest (`service.yaml`), in the layout computenest-cli uses for its
 * `config.yaml`, so existing folders publish unchanged:
 *
 *   Service:
 *     DeployType: ros                     # required
 *     ServiceType: private
 *     ShareType: Public
 *     ApprovalType: AutoPass
 *     VersionName: v1
 *     ServiceInfo:                        # one mapping or a list, one per locale
 *       - { Locale: en-US, Name: Hello Web, ShortDescription: ... }
 *     DeployMetadata:                     # a mapping (or JSON text)
 *       TemplateConfigs:
 *         - Name: Default
 *           Url: template.yaml            # relative: a file of the folder, sent inline as TemplateBody
 *           PredefinedParameters: [ { Name: Small, Parameters: { Replicas: 1 } } ]
 *     OperationMetadata / UpgradeMetadata / LicenseMetadata / AlarmMetadata / LogMetadata: mappings or JSON text
 *     Tags: [ { Key: team, Value: web } ]
 *
 * `ServiceId` under Service names the service to update instead of creating one. Relative
 * template URLs are resolved by the caller (engine/template-source/service-folder.ts reads them
 * from the folder); absolute https:// or file:// URLs are left for the server to read.
 */
export interface ServiceManifest {
  readonly serviceId?: string;
  readonly content: ServiceContentInput;
  readonly settings: ServiceSettingsInput;
}


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (path: string, message: string) =>
  new DomainError("InvalidArgument", CatalogErrorCodes.SERVICE_MANIFEST_INVALID, `service.yaml ${path}: ${message}`, { parameter: path });

/** A URL without a scheme is a path inside the service folder. */
export const isRelativeTemplateUrl = (url: string): boolean => !/^[a-z][a-z0-9+.-]*:/i.test(url);

function serviceSection(document: unknown): Record<string, unknown> {
  if (!isObject(document)) throw fail("(top level)", "must be a mapping with a Service section");
  const service = document["Service"];
  if (!isObject(service)) throw fail("Service", "is required and must be a mapping");
  return service;
}

function templateConfigsOf(deployMetadata: unknown): unknown[] {
  if (!isObject(deployMetadata)) return [];
  const configs = deployMetadata["TemplateConfigs"];
  return Array.isArray(configs) ? configs : [];
}

/** The relative template paths the manifest references, in order (the reader loads these). */
export function manifestTemplatePaths(document: unknown): string[] {
  const service = serviceSection(document);
  const metadata = typeof service["DeployMetadata"] === "string" ? safeJson(service["DeployMetadata"]) : service["DeployMetadata"];
  return templateConfigsOf(metadata)
    .map((c) => (isObject(c) && typeof c["Url"] === "string" ? c["Url"] : undefined))
    .filter((u): u is string => u !== undefined && isRelativeTemplateUrl(u));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function str(service: Record<string, unknown>, key: string): string | undefined {
  const v = service[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw fail(`Service.${key}`, "must be a string");
}

function num(service: Record<string, unknown>, key: string): number | undefined {
  const v = service[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw fail(`Service.${key}`, "must be a number");
  return n;
}

function bool(service: Record<string, unknown>, key: string): boolean | undefined {
  const v = service[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "false") return v === "true";
  throw fail(`Service.${key}`, "must be true or false");
}

/** A metadata document given as a mapping (serialised) or as JSON text (kept). */
function jsonText(service: Record<string, unknown>, key: string): string | undefined {
  const v = service[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (isObject(v)) return JSON.stringify(v);
  throw fail(`Service.${key}`, "must be a mapping or JSON text");
}

function serviceInfos(value: unknown): ServiceInfoInput[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((info, i) => {
    const at = `Service.ServiceInfo[${i}]`;
    if (!isObject(info)) throw fail(at, "must be a mapping");
    const s = (k: string) => (info[k] === undefined || info[k] === null ? undefined : String(info[k]));
    const pairs = (k: string, a: string, b: string) => {
      const items = info[k];
      if (items === undefined || items === null) return undefined;
      if (!Array.isArray(items) || !items.every(isObject)) throw fail(`${at}.${k}`, "must be a list of mappings");
      return items.map((x) => ({ [a]: x[a] === undefined ? undefined : String(x[a]), [b]: x[b] === undefined ? undefined : String(x[b]) }));
    };
    return {
      locale: s("Locale"),
      name: s("Name"),
      image: s("Image"),
      shortDescription: s("ShortDescription"),
      longDescriptionUrl: s("LongDescriptionUrl"),
      agreements: pairs("Agreements", "Name", "Url")?.map((x) => ({ name: x["Name"], url: x["Url"] })),
      softwares: pairs("Softwares", "Name", "Version")?.map((x) => ({ name: x["Name"], version: x["Version"] })),
    };
  });
}

/** DeployMetadata with every relative template Url replaced by the file's text as TemplateBody. */
function deployMetadata(service: Record<string, unknown>, templates: Readonly<Record<string, string>>): string | undefined {
  const raw = service["DeployMetadata"];
  if (raw === undefined || raw === null) return undefined;
  const metadata = typeof raw === "string" ? safeJson(raw) : raw;
  if (!isObject(metadata)) throw fail("Service.DeployMetadata", "must be a mapping or JSON object text");
  const configs = templateConfigsOf(metadata).map((config, i) => {
    if (!isObject(config)) throw fail(`Service.DeployMetadata.TemplateConfigs[${i}]`, "must be a mapping");
    const url = config["Url"];
    if (typeof url !== "string" || !isRelativeTemplateUrl(url)) return config;
    const body = templates[url];
    if (body === undefined) throw fail(`Service.DeployMetadata.TemplateConfigs[${i}].Url`, `the template file ${url} was not provided`);
    const { Url: _url, ...rest } = config;
    return { ...rest, TemplateBody: body };
  });
  return JSON.stringify(metadata["TemplateConfigs"] === undefined ? metadata : { ...metadata, TemplateConfigs: configs });
}

function tags(service: Record<string, unknown>): ServiceSettingsInput["tags"] {
  const v = service["Tags"] ?? service["Tag"];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isObject)) throw fail("Service.Tags", "must be a list of {Key, Value} mappings");
  return v.map((t) => ({ key: t["Key"] === undefined ? undefined : String(t["Key"]), value: t["Value"] === undefined ? undefined : String(t["Value"]) }));
}

/**
 * Turns a parsed manifest and the texts of its relative templates (by Url as written) into
 * catalog input. Throws DomainError(InvalidArgument, SERVICE_MANIFEST_INVALID) naming the field;
 * field values themselves are validated later by CreateService/UpdateService. Pure.
 */
export function parseServiceManifest(document: unknown, templates: Readonly<Record<string, string>>): ServiceManifest {
  const service = serviceSection(document);
  if (str(service, "DeployType") === undefined) throw fail("Service.DeployType", "is required (for example ros)");
  const content: ServiceContentInput = {
    deployType: str(service, "DeployType"),
    serviceType: str(service, "ServiceType"),
    versionName: str(service, "VersionName"),
    serviceInfos: serviceInfos(service["ServiceInfo"] ?? service["ServiceInfos"]),
    deployMetadata: deployMetadata(service, templates),
    operationMetadata: jsonText(service, "OperationMetadata"),
    upgradeMetadata: jsonText(service, "UpgradeMetadata"),
    licenseMetadata: jsonText(service, "LicenseMetadata"),
    alarmMetadata: jsonText(service, "AlarmMetadata"),
    logMetadata: jsonText(service, "LogMetadata"),
    policyNames: str(service, "PolicyNames"),
    isSupportOperated: bool(service, "IsSupportOperated"),
    duration: num(service, "Duration"),
    trialDuration: num(service, "TrialDuration"),
    tenantType: str(service, "TenantType"),
  };
  return {
    serviceId: str(service, "ServiceId"),
    content,
    settings: {
      shareType: str(service, "ShareType"),
      approvalType: str(service, "ApprovalType"),
      resourceGroupId: str(service, "ResourceGroupId"),
      tags: tags(service),
    },
  };
}

export const manifestToCreateInput = (manifest: ServiceManifest, regionId: string): CreateServiceInput => ({
  ...manifest.content,
  ...manifest.settings,
  regionId,
});

/** Updates the draft; tags and the resource group are not UpdateService fields. */
export const manifestToUpdateInput = (manifest: ServiceManifest, serviceId: string): UpdateServiceInput => ({
  ...manifest.content,
  serviceId,
  shareType: manifest.settings.shareType,
  approvalType: manifest.settings.approvalType,
});
