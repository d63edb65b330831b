import type { VersionStatus } from "./version-status.ts";

/** The editable working copy of every service (ALIBABA.md 4.1). */
export const DRAFT_VERSION = "draft";

/** ALIBABA.md 4.2 (CreateService lists the first five, UpdateService adds container and pkg). */
export const DEPLOY_TYPES = ["ros", "terraform", "ack", "spi", "operation", "container", "pkg"] as const;
export type DeployType = (typeof DEPLOY_TYPES)[number];

export const SERVICE_TYPES = ["private", "managed", "operation", "poc"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const TENANT_TYPES = ["SingleTenant", "MultiTenant"] as const;
export type TenantType = (typeof TENANT_TYPES)[number];

/** The six metadata documents kept as JSON text exactly as the supplier sent them (ALIBABA.md 4.4). */
export const METADATA_FIELDS = [
  "deployMetadata",
  "operationMetadata",
  "upgradeMetadata",
  "licenseMetadata",
  "alarmMetadata",
  "logMetadata",
] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export interface NameUrl {
  readonly name: string;
  readonly url: string;
}
export interface Software {
  readonly name: string;
  readonly version: string;
}

/** Display information in one locale. */
export interface ServiceInfo {
  readonly locale: string;
  readonly name: string;
  readonly image?: string;
  readonly shortDescription?: string;
  readonly longDescriptionUrl?: string;
  readonly agreements: readonly NameUrl[];
  readonly softwares: readonly Software[];
}

export interface LocaleConfig {
  readonly originalValue: string;
  readonly enValue?: string;
  readonly zhValue?: string;
}

/** What a version says about the service: everything CreateService/UpdateService can set per version. */
export interface ServiceContent {
  readonly deployType: DeployType;
  readonly serviceType: ServiceType;
  readonly versionName?: string;
  readonly serviceInfos: readonly ServiceInfo[];
  /** JSON text (validated JSON objects), as sent. */
  readonly deployMetadata?: string;
  readonly operationMetadata?: string;
  readonly upgradeMetadata?: string;
  readonly licenseMetadata?: string;
  readonly alarmMetadata?: string;
  readonly logMetadata?: string;
  /** JSON text, kept and echoed. */
  readonly buildParameters?: string;
  readonly compliancePacks?: readonly string[];
  /** Comma-separated RAM policy names, as sent. */
  readonly policyNames?: string;
  readonly isSupportOperated: boolean;
  /** Hosted O&M duration, seconds. */
  readonly duration?: number;
  /** Trial length in days (0..30); a positive value makes the service a trial service. */
  readonly trialDuration?: number;
  readonly tenantType?: TenantType;
  readonly localeConfigs: readonly LocaleConfig[];
  readonly resellable: boolean;
  readonly sourceServiceId?: string;
  readonly sourceServiceVersion?: string;
}

/**
 * One version of a service. `draft` is the working copy; RegisterService copies it into a new
 * numbered version, which is immutable from then on except for its status.
 */
export interface ServiceVersion extends ServiceContent {
  readonly serviceId: string;
  /** "draft" or "1", "2", ... */
  readonly version: string;
  /** 0 for the draft, the version number otherwise; orders versions. */
  readonly seq: number;
  readonly status: VersionStatus;
  readonly statusDetail?: string;
  /**
   * Template bodies captured when the content was written, by TemplateConfigs[].Name, so a
   * published version keeps deploying exactly what was reviewed whatever happens to its URLs.
   */
  readonly templates: Readonly<Record<string, string>>;
  /** Set by LaunchService (Categories.N). */
  readonly categories: readonly string[];
  /** The registration this version came from. */
  readonly registrationId?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** First time the version went Online. */
  readonly publishedAt?: Date;
  readonly deletedAt?: Date;
}

export const isDraft = (version: string): boolean => version === DRAFT_VERSION;

/** Published versions are positive integers without leading zeros. */
export const isVersionNumber = (version: string): boolean => /^[1-9][0-9]{0,8}$/.test(version);

/** A trial service offers a trial (TrialType Trial). */
export const trialTypeOf = (content: Pick<ServiceContent, "trialDuration">): "Trial" | "NotTrial" =>
  content.trialDuration !== undefined && content.trialDuration > 0 ? "Trial" : "NotTrial";
