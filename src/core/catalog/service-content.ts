import { badArgument } from "./catalog-errors.ts";
import { parseJsonObject } from "./deploy-metadata.ts";
import {
  APPROVAL_TYPES,
  SHARE_TYPES,
  SHARE_PERMISSIONS,
  type ApprovalType,
  type ShareType,
  type SharePermission,
  type Tag,
} from "./service.ts";
import {
  DEPLOY_TYPES,
  METADATA_FIELDS,
  SERVICE_TYPES,
  TENANT_TYPES,
  type DeployType,
  type LocaleConfig,
  type ServiceContent,
  type ServiceInfo,
  type ServiceType,
  type TenantType,
} from "./service-version.ts";

/**
 * Inputs as callers send them: strings not yet checked against the enums. Every field is
 * optional; on create, missing fields take defaults, on update they keep the current value.
 * An empty string clears an optional text field.
 */
export interface ServiceInfoInput {
  readonly locale?: string;
  readonly name?: string;
  readonly image?: string;
  readonly shortDescription?: string;
  readonly longDescriptionUrl?: string;
  readonly agreements?: readonly { readonly name?: string; readonly url?: string }[];
  readonly softwares?: readonly { readonly name?: string; readonly version?: string }[];
}

export interface ServiceContentInput {
  readonly deployType?: string;
  readonly serviceType?: string;
  readonly versionName?: string;
  readonly serviceInfos?: readonly ServiceInfoInput[];
  readonly deployMetadata?: string;
  readonly operationMetadata?: string;
  readonly upgradeMetadata?: string;
  readonly licenseMetadata?: string;
  readonly alarmMetadata?: string;
  readonly logMetadata?: string;
  readonly buildParameters?: string;
  readonly compliancePacks?: readonly string[];
  readonly policyNames?: string;
  readonly isSupportOperated?: boolean;
  readonly duration?: number;
  readonly trialDuration?: number;
  readonly tenantType?: string;
  readonly localeConfigs?: readonly { readonly originalValue?: string; readonly enValue?: string; readonly zhValue?: string }[];
  readonly resellable?: boolean;
  readonly sourceServiceId?: string;
  readonly sourceServiceVersion?: string;
}

/** Service-level settings (shared by all versions). */
export interface ServiceSettingsInput {
  readonly shareType?: string;
  readonly approvalType?: string;
  readonly resourceGroupId?: string;
  readonly tags?: readonly { readonly key?: string; readonly value?: string }[];
}

/** The vendor's parameter names, so errors name what the caller sent (ALIBABA.md 4.2). */
const WIRE_NAME: Record<string, string> = {
  deployMetadata: "DeployMetadata",
  operationMetadata: "OperationMetadata",
  upgradeMetadata: "UpgradeMetadata",
  licenseMetadata: "LicenseMetadata",
  alarmMetadata: "AlarmMetadata",
  logMetadata: "LogMetadata",
  buildParameters: "BuildParameters",
};

/** Metadata documents may carry inline templates; one bound keeps a request from filling the store. */
const MAX_METADATA_CHARS = 2 * 1024 * 1024;
const MAX_SERVICE_INFOS = 10;
const MAX_TAGS = 20;

export function oneOf<T extends string>(values: readonly T[], value: string, parameter: string): T {
  if (!(values as readonly string[]).includes(value)) {
    throw badArgument(parameter, `The specified ${parameter} ${JSON.stringify(value)} is not valid; use one of ${values.join(", ")}.`);
  }
  return value as T;
}

function text(value: string | undefined, parameter: string, max: number, required = false): string | undefined {
  if (value === undefined || value === "") {
    if (required) throw badArgument(parameter, `${parameter} is required.`);
    return undefined;
  }
  if (value.length > max) throw badArgument(parameter, `${parameter} must be at most ${max} characters.`);
  return value;
}

function wholeNumber(value: number | undefined, parameter: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badArgument(parameter, `${parameter} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function serviceInfos(input: readonly ServiceInfoInput[]): ServiceInfo[] {
  if (input.length > MAX_SERVICE_INFOS) throw badArgument("ServiceInfo", `At most ${MAX_SERVICE_INFOS} ServiceInfo entries are allowed.`);
  const locales = new Set<string>();
  return input.map((info, i) => {
    const at = `ServiceInfo.${i + 1}`;
    const locale = text(info.locale, `${at}.Locale`, 32, true)!;
    if (locales.has(locale)) throw badArgument(`${at}.Locale`, `ServiceInfo has more than one entry for locale ${locale}.`);
    locales.add(locale);
    return {
      locale,
      name: text(info.name, `${at}.Name`, 200, true)!,
      image: text(info.image, `${at}.Image`, 2048),
      shortDescription: text(info.shortDescription, `${at}.ShortDescription`, 2000),
      longDescriptionUrl: text(info.longDescriptionUrl, `${at}.LongDescriptionUrl`, 2048),
      agreements: (info.agreements ?? []).map((a, j) => ({
        name: text(a.name, `${at}.Agreements.${j + 1}.Name`, 200, true)!,
        url: text(a.url, `${at}.Agreements.${j + 1}.Url`, 2048, true)!,
      })),
      softwares: (info.softwares ?? []).map((s, j) => ({
        name: text(s.name, `${at}.Softwares.${j + 1}.Name`, 200, true)!,
        version: text(s.version, `${at}.Softwares.${j + 1}.Version`, 200) ?? "",
      })),
    };
  });
}

function localeConfigs(input: NonNullable<ServiceContentInput["localeConfigs"]>): LocaleConfig[] {
  return input.map((c, i) => ({
    originalValue: text(c.originalValue, `ServiceLocaleConfigs.${i + 1}.OriginalValue`, 2000, true)!,
    enValue: text(c.enValue, `ServiceLocaleConfigs.${i + 1}.EnValue`, 2000),
    zhValue: text(c.zhValue, `ServiceLocaleConfigs.${i + 1}.ZhValue`, 2000),
  }));
}

function policyNames(value: string | undefined): string | undefined {
  const v = text(value, "PolicyNames", 4096);
  if (v === undefined) return undefined;
  for (const name of v.split(",")) {
    if (name.trim().length > 128) throw badArgument("PolicyNames", "Each name in PolicyNames must be at most 128 characters.");
  }
  return v;
}

/** A metadata text: "" clears it, anything else must be a JSON object. */
function metadata(value: string | undefined, field: string): string | undefined {
  const parameter = WIRE_NAME[field] ?? field;
  if (value === undefined || value === "") return undefined;
  if (value.length > MAX_METADATA_CHARS) throw badArgument(parameter, `${parameter} must be at most ${MAX_METADATA_CHARS} characters.`);
  parseJsonObject(value, parameter);
  return value;
}

const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);

/**
 * Validates `input` and lays it over `base` (the current content on update, undefined on
 * create). Throws DomainError(InvalidArgument) naming the wire parameter. Pure.
 */
export function buildContent(base: ServiceContent | undefined, input: ServiceContentInput): ServiceContent {
  if (base === undefined && (input.deployType === undefined || input.deployType === "")) {
    throw badArgument("DeployType", "DeployType is mandatory for this action.");
  }
  const given = (field: (typeof METADATA_FIELDS)[number] | "buildParameters") =>
    input[field] === undefined ? base?.[field] : metadata(input[field], field);
  return {
    deployType: input.deployType ? oneOf<DeployType>(DEPLOY_TYPES, input.deployType, "DeployType") : base!.deployType,
    serviceType: input.serviceType
      ? oneOf<ServiceType>(SERVICE_TYPES, input.serviceType, "ServiceType")
      : (base?.serviceType ?? "private"),
    versionName: input.versionName === undefined ? base?.versionName : text(input.versionName, "VersionName", 128),
    serviceInfos: input.serviceInfos === undefined ? (base?.serviceInfos ?? []) : serviceInfos(input.serviceInfos),
    deployMetadata: given("deployMetadata"),
    operationMetadata: given("operationMetadata"),
    upgradeMetadata: given("upgradeMetadata"),
    licenseMetadata: given("licenseMetadata"),
    alarmMetadata: given("alarmMetadata"),
    logMetadata: given("logMetadata"),
    buildParameters: given("buildParameters"),
    compliancePacks: input.compliancePacks === undefined ? base?.compliancePacks : [...input.compliancePacks],
    policyNames: input.policyNames === undefined ? base?.policyNames : policyNames(input.policyNames),
    isSupportOperated: pick(input.isSupportOperated, base?.isSupportOperated ?? false),
    duration: input.duration === undefined ? base?.duration : wholeNumber(input.duration, "Duration", 0, 10 * 365 * 86400),
    trialDuration:
      input.trialDuration === undefined ? base?.trialDuration : wholeNumber(input.trialDuration, "TrialDuration", 0, 30),
    tenantType: input.tenantType
      ? oneOf<TenantType>(TENANT_TYPES, input.tenantType, "TenantType")
      : input.tenantType === "" ? undefined : base?.tenantType,
    localeConfigs: input.localeConfigs === undefined ? (base?.localeConfigs ?? []) : localeConfigs(input.localeConfigs),
    resellable: pick(input.resellable, base?.resellable ?? false),
    sourceServiceId:
      input.sourceServiceId === undefined ? base?.sourceServiceId : text(input.sourceServiceId, "SourceServiceId", 64),
    sourceServiceVersion:
      input.sourceServiceVersion === undefined
        ? base?.sourceServiceVersion
        : text(input.sourceServiceVersion, "SourceServiceVersion", 64),
  };
}

/** True when the input would change version content (UpdateService on a published version may not). */
export function touchesContent(input: ServiceContentInput): boolean {
  return Object.values(input).some((v) => v !== undefined);
}

export interface ServiceSettings {
  readonly shareType: ShareType;
  readonly approvalType: ApprovalType;
  readonly resourceGroupId?: string;
  readonly tags: readonly Tag[];
}

/** Validates service-level settings over `base` (undefined on create). Pure. */
export function buildSettings(base: ServiceSettings | undefined, input: ServiceSettingsInput): ServiceSettings {
  return {
    shareType: input.shareType ? oneOf<ShareType>(SHARE_TYPES, input.shareType, "ShareType") : (base?.shareType ?? "Public"),
    approvalType: input.approvalType
      ? oneOf<ApprovalType>(APPROVAL_TYPES, input.approvalType, "ApprovalType")
      : (base?.approvalType ?? "AutoPass"),
    resourceGroupId:
      input.resourceGroupId === undefined ? base?.resourceGroupId : text(input.resourceGroupId, "ResourceGroupId", 64),
    tags: input.tags === undefined ? (base?.tags ?? []) : tags(input.tags),
  };
}

function tags(input: NonNullable<ServiceSettingsInput["tags"]>): Tag[] {
  if (input.length > MAX_TAGS) throw badArgument("Tag", `At most ${MAX_TAGS} tags are allowed.`);
  const seen = new Map<string, string>();
  input.forEach((t, i) => {
    const key = text(t.key, `Tag.${i + 1}.Key`, 128, true)!;
    if (seen.has(key)) throw badArgument(`Tag.${i + 1}.Key`, `The tag key ${key} is given more than once.`);
    seen.set(key, text(t.value, `Tag.${i + 1}.Value`, 128) ?? "");
  });
  return [...seen].map(([key, value]) => ({ key, value }));
}

export const sharePermission = (value: string | undefined, parameter: string): SharePermission =>
  oneOf<SharePermission>(SHARE_PERMISSIONS, value ?? "", parameter);
