import type { MarketStatus } from "./market-status.ts";
import type { PricingCycle, ProductType } from "./product.ts";

/**
 * What a buyer holds after an order: one Marketplace instance (numeric id, ALIBABA.md 5.1),
 * with its term (BeganOn .. EndOn) and, for products delivered by Compute Nest, the linked
 * service instance. Product name, type and supplier are copied at purchase so the instance
 * reads the same after the product changes.
 */
export interface MarketInstance {
  /** Digits, below 2^53 (plain JSON.parse reads it exactly). */
  readonly id: string;
  /** The order that created it. */
  readonly orderId: string;
  /** The buyer. */
  readonly accountId: string;
  readonly supplierAccountId: string;
  readonly supplierName: string;
  readonly productCode: string;
  readonly productName: string;
  readonly productType: ProductType;
  readonly skuCode: string;
  /** Chosen component values, package_version included. */
  readonly components: Readonly<Record<string, string>>;
  readonly status: MarketStatus;
  readonly isTrial: boolean;
  readonly pricingCycle: PricingCycle;
  /** When delivery finished (or the order was paid, for products with nothing to deploy). */
  readonly beganOn?: Date;
  readonly endOn: Date;
  /** When it became EXPIRED. */
  readonly expiredAt?: Date;
  /** Set on expiry: EndOn plus the product's grace period; CLOSED after it. */
  readonly closeAfter?: Date;
  readonly closedAt?: Date;
  /** The linked Compute Nest service instance (si-...). */
  readonly serviceInstanceId?: string;
  /** Why the last step on the linked service instance failed, kept until one succeeds. */
  readonly deliveryError?: string;
  /**
   * The linked service instance may not match the status yet (being deployed, stopped,
   * started, released): the sweeper reconciles it (market-reconciler.ts) until it does.
   */
  readonly reconcilePending: boolean;
  readonly licenseCode?: string;
  readonly createdAt: Date;
  /** Compare-and-set token of MarketRepository.updateInstance. */
  readonly updatedAt: Date;
}

export const ORDER_TYPES = ["INSTANCE_BUY", "INSTANCE_RENEW", "INSTANCE_UPGRADE"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export const PAYMENT_TYPES = ["AUTO", "HAND"] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** A Commodity after parsing and checking against the product (commodity.ts). */
export interface Commodity {
  readonly productCode: string;
  readonly skuCode: string;
  readonly duration: number;
  readonly pricingCycle: PricingCycle;
  readonly components: Readonly<Record<string, string>>;
  readonly quantity: number;
  /** Renew and upgrade: the instance they act on. */
  readonly instanceId?: string;
  /** nestbox reads properties.trial === true as a trial order (free, the SKU's trial days). */
  readonly trial: boolean;
}

export interface OrderPrice {
  readonly originalPrice: number;
  readonly discountPrice: number;
  readonly tradePrice: number;
}

/** One order (ALIBABA.md 5.3). Paid at once (AUTO) or left UNPAID until paid (HAND). */
export interface MarketOrder {
  /** Digits, below 2^53. */
  readonly id: string;
  readonly accountId: string;
  readonly supplierAccountId: string;
  readonly supplierName: string;
  readonly orderType: OrderType;
  readonly paymentType: PaymentType;
  readonly commodity: Commodity;
  readonly productName: string;
  readonly price: OrderPrice;
  readonly payStatus: "PAID" | "UNPAID";
  readonly instanceIds: readonly string[];
  readonly createdAt: Date;
  readonly paidAt?: Date;
}

/** A licence code delivered with an instance of a licence-code product (ALIBABA.md 5.4). */
export interface MarketLicense {
  readonly code: string;
  readonly instanceId: string;
  readonly accountId: string;
  readonly supplierAccountId: string;
  readonly status: "ACTIVATED" | "INACTIVATED";
  /** Who activated it (ActivateLicense Identification). */
  readonly identification?: string;
  readonly createdAt: Date;
  readonly activatedAt?: Date;
}

/** One pushed usage record of a metering item (ALIBABA.md 5.5). */
export interface MeteringRecord {
  readonly instanceId: string;
  readonly supplierAccountId: string;
  /** meteringAssit, or the entity Key when none was given. */
  readonly item: string;
  readonly key: string;
  readonly value: number;
  readonly startTime: Date;
  readonly endTime: Date;
  readonly serialNo?: string;
  readonly pushedAt: Date;
}

export interface MeteringUsage {
  readonly instanceId: string;
  readonly item: string;
  readonly key: string;
  /** Start of the period (day, month) the records fall in, UTC. */
  readonly periodStart: Date;
  readonly total: number;
  readonly records: number;
}

/** When the next time-driven event is due: EndOn while active, closeAfter while EXPIRED, never once CLOSED. */
export function dueAt(instance: MarketInstance): Date | undefined {
  if (instance.status === "CLOSED") return undefined;
  if (instance.status === "EXPIRED") return instance.closeAfter;
  return instance.endOn;
}

/** The next compare-and-set token: now, or 1 ms past the last one when the clock has not moved. */
export const nextUpdatedAt = (instance: MarketInstance, now: Date): Date =>
  new Date(Math.max(now.getTime(), instance.updatedAt.getTime() + 1));
