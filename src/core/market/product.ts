/**
 * A Marketplace product as a supplier publishes it (ALIBABA.md 5.6-5.8): SKUs with a charge
 * type, the periods and prices it is sold for, and components (package_version and others)
 * whose values buyers choose. A SERVICE or APP product may be delivered by a Compute Nest
 * service: each specification code (a package_version value) maps to a template and package.
 */

/** ALIBABA.md 5.7; the SDK doc's "SERVIC" is a typo. */
export const PRODUCT_TYPES = ["APP", "SERVICE", "MIRROR", "DOWNLOAD", "API_SERVICE", "DOCKER"] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const CHARGE_TYPES = ["PREPAY", "POSTPAY"] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

/** Commodity `pricingCycle` values (ALIBABA.md 5.3). */
export const PRICING_CYCLES = ["Day", "Month", "Year"] as const;
export type PricingCycle = (typeof PRICING_CYCLES)[number];

/** One value a buyer may pick for a component (e.g. package_version = yuncode0001). */
export interface ComponentValue {
  readonly value: string;
  readonly name: string;
  /** Added to the SKU's period price for each period, CNY. */
  readonly pricePerPeriod?: Readonly<Partial<Record<PricingCycle, number>>>;
}

export interface SkuComponent {
  /** e.g. package_version */
  readonly code: string;
  readonly name: string;
  readonly values: readonly ComponentValue[];
}

export interface OrderPeriod {
  readonly cycle: PricingCycle;
  /** Durations the buyer may order, e.g. [1, 3, 6]; empty: any positive whole number up to 100. */
  readonly durations: readonly number[];
  /** Price of one period, CNY. */
  readonly price: number;
}

export interface ProductSku {
  /** `<productCode>-prepay` or `<productCode>-postpay` (ALIBABA.md 5.3). */
  readonly code: string;
  readonly name: string;
  readonly chargeType: ChargeType;
  readonly hidden: boolean;
  readonly periods: readonly OrderPeriod[];
  readonly components: readonly SkuComponent[];
  /** Trial orders allowed (free), for `trialDays`. */
  readonly trialAllowed: boolean;
  readonly trialDays: number;
}

/** Where a specification code is deployed from (ALIBABA.md 5.8 SpecificationMappings). */
export interface SpecificationMapping {
  /** The package_version value. */
  readonly specificationCode: string;
  readonly templateName: string;
  /** PredefinedParameters[].Name of the template; absent: the template's defaults. */
  readonly specificationName?: string;
}

export interface ComputeNestDelivery {
  readonly serviceId: string;
  /** Default: the service's default version. */
  readonly serviceVersion?: string;
  /** Deployment region of the service instances. */
  readonly regionId: string;
  readonly specifications: readonly SpecificationMapping[];
}

/** Which deployment outputs fill AppJson (output names); defaults in instance-details.ts. */
export interface AppOutputNames {
  readonly frontEndUrl?: string;
  readonly adminUrl?: string;
  readonly username?: string;
  readonly password?: string;
}

export interface MarketProduct {
  /** e.g. cmjj00001234; unique across suppliers. */
  readonly code: string;
  readonly name: string;
  readonly type: ProductType;
  readonly supplierAccountId: string;
  readonly supplierName: string;
  readonly shortDescription: string;
  readonly description: string;
  readonly skus: readonly ProductSku[];
  /** Days an EXPIRED instance is kept (renewable) before it is CLOSED and released. */
  readonly gracePeriodDays: number;
  /** Orders get a licence code (ActivateLicense / DescribeLicense). */
  readonly licenseDelivery: boolean;
  /** Metering item ids (meteringAssit) PushMeteringData accepts; empty: any. */
  readonly meteringItems: readonly string[];
  readonly computeNest?: ComputeNestDelivery;
  readonly appOutputs?: AppOutputNames;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const findSku = (product: MarketProduct, skuCode: string): ProductSku | undefined => product.skus.find((s) => s.code === skuCode);

/** The package_version component: the one every order must choose (ALIBABA.md 5.3). */
export const PACKAGE_VERSION = "package_version";
