import type { PredefinedParameterSet } from "./deploy-metadata.ts";
import type { Service } from "./service.ts";
import type { ServiceContentInput, ServiceSettingsInput } from "./service-content.ts";
import type { ServiceVersion } from "./service-version.ts";

/** Inputs and results of CatalogService's write methods (catalog-service.ts). */
export interface CreateServiceInput extends ServiceContentInput, ServiceSettingsInput {
  /** The region the request named. */
  readonly regionId: string;
  /** Adds a new draft to this existing service of the caller (its draft was deleted). */
  readonly serviceId?: string;
  readonly clientToken?: string;
  /** Validate (templates included) and return what would be created; store nothing. */
  readonly dryRun?: boolean;
}

export interface UpdateServiceInput extends ServiceContentInput {
  readonly serviceId: string;
  /** Default "draft". Content may change only on the draft; settings and isDefault on any version. */
  readonly version?: string;
  readonly shareType?: string;
  readonly approvalType?: string;
  readonly isDefault?: boolean;
  readonly dryRun?: boolean;
}

/** A service with one of its versions, as the supplier sees it. */
export interface ServiceView {
  readonly service: Service;
  readonly version: ServiceVersion;
  readonly supplierName?: string;
}

export interface WriteResult extends ServiceView {
  /** True when nothing was stored (DryRun). */
  readonly dryRun: boolean;
}

export type LaunchResultType = "PublishNewVersion" | "PublishOfflineVersion";

/** What the engine needs to deploy one template of a service version. */
export interface ResolvedDeployment {
  readonly service: Service;
  readonly version: ServiceVersion;
  readonly templateName: string;
  /** The captured template text (JSON or YAML), exactly as validated at CreateService/UpdateService. */
  readonly templateBody: string;
  readonly predefinedParameters: readonly PredefinedParameterSet[];
  readonly allowedRegions?: readonly string[];
  readonly hiddenParameterKeys?: readonly string[];
  /** The TemplateConfig's DisableRollback: a failed deployment keeps what it made. */
  readonly disableRollback: boolean;
}
