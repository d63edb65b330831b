import type { ProductDefinition } from "./products.ts";
import type { ProductEnablement } from "./product-enablement.ts";

/**
 * GetServiceProvisions' answer in domain terms, one entry per product the deployment involves.
 * Faces turn `enable` and the roles' `apiForCreation` into their own URLs (EnableURL,
 * AuthorizationURL), so the domain knows no endpoint.
 */
export type ProvisionStatus = "Enabled" | "EnabledByDefault" | "Disabled" | "Unknown";

/** The API call that creates a missing role: RAM CreateRole in the deploying account. */
export interface RoleCreationApi {
  readonly apiName: string;
  readonly apiProductId: string;
  readonly apiType: "Open" | "Inner";
  /** The call's parameters; `${RegionId}` style placeholders are left for the caller to fill. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface RoleProvisionView {
  readonly roleName: string;
  readonly created: boolean;
  readonly function: string;
  readonly apiForCreation: RoleCreationApi;
}

export interface CommodityProvisionView {
  readonly commodityCode: string;
  /** Commodities are only on or off (the seed's two values). */
  readonly status: "Enabled" | "Disabled";
}

export interface ServiceProvisionView {
  /** Product code (or the product segment of an unknown resource type). */
  readonly serviceName: string;
  readonly status: ProvisionStatus;
  /** Why the product is Disabled or Unknown. */
  readonly statusReason?: string;
  /** The service version declares that its deployment enables this product itself. */
  readonly autoEnableService: boolean;
  /** The account checked (the caller's); where EnableURL and AuthorizationURL act. */
  readonly accountId: string;
  /** The template's resource types that belong to this product (conditions applied). */
  readonly resourceTypes: readonly string[];
  readonly roles: readonly RoleProvisionView[];
  readonly commodities: readonly CommodityProvisionView[];
}

/** One product's state for an account (nestbox products list). */
export interface ProductStatusView {
  readonly accountId: string;
  readonly product: string;
  readonly description: string;
  readonly status: Exclude<ProvisionStatus, "Unknown">;
  readonly enabledByDefault: boolean;
  /** The explicit decision, if any (absent: the product's default applies). */
  readonly changedBy?: string;
  readonly changedAt?: Date;
}

/** Enabled when explicitly on, EnabledByDefault when a default-on product has no record, Disabled otherwise. */
export function productStatus(product: ProductDefinition, record: ProductEnablement | undefined): Exclude<ProvisionStatus, "Unknown"> {
  if (record) return record.enabled ? "Enabled" : "Disabled";
  return product.enabledByDefault ? "EnabledByDefault" : "Disabled";
}

export const isOn = (status: ProvisionStatus): boolean => status === "Enabled" || status === "EnabledByDefault";
