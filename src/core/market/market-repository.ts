import type { Page } from "../shared/page.ts";
import type { MarketInstance, MarketLicense, MarketOrder, MeteringRecord } from "./market-instance.ts";
import type { MarketProduct, ProductType } from "./product.ts";

export interface InstanceQuery {
  /** The buyer's instances ... */
  readonly accountId?: string;
  /** ... or the supplier's customers'. */
  readonly supplierAccountId?: string;
  readonly productType?: ProductType;
  readonly codes?: readonly string[];
  readonly exceptCodes?: readonly string[];
}

/** What an order changes, written with it. */
export interface OrderWrites {
  readonly insertInstances: readonly MarketInstance[];
  readonly updateInstances: readonly { readonly instance: MarketInstance; readonly expectedUpdatedAt: Date }[];
  readonly insertLicenses: readonly MarketLicense[];
}

export interface ProductQuery {
  readonly searchTerm?: string;
  readonly productType?: string;
  readonly supplierAccountId?: string;
}

/**
 * Storage of the Marketplace area (storage/sql/market-repository.ts implements it for SQLite
 * and PostgreSQL). Reads return undefined for a missing row. Every write is safe to repeat
 * with the same values.
 */
export interface MarketRepository {
  /** Inserts or replaces the product (by code). */
  putProduct(product: MarketProduct): Promise<void>;
  getProduct(code: string): Promise<MarketProduct | undefined>;
  /** Oldest first, 1-based pages. */
  listProducts(query: ProductQuery, page: { pageNumber: number; pageSize: number }): Promise<Page<MarketProduct>>;

  /**
   * Stores an order and what it does in one transaction, all or nothing: the new instances and
   * licences, and instance updates compare-and-set on their updatedAt. A lost race is
   * DomainError(Conflict, MARKET_CONCURRENT_UPDATE); with a clientToken, a second order of the
   * same account and token is DomainError(AlreadyExists, MARKET_CLIENT_TOKEN_MISMATCH). Either
   * way nothing is stored.
   */
  createOrder(order: MarketOrder, writes: OrderWrites, idempotency?: { clientToken: string; requestHash: string }): Promise<void>;
  getOrder(id: string): Promise<MarketOrder | undefined>;
  getOrderByClientToken(accountId: string, clientToken: string): Promise<{ order: MarketOrder; requestHash: string } | undefined>;
  /**
   * Replaces an UNPAID order by its paid form with its writes, in one transaction; the order
   * must still be UNPAID (else Conflict MARKET_CONCURRENT_UPDATE, nothing stored).
   */
  payOrder(order: MarketOrder, writes: OrderWrites): Promise<void>;

  getInstance(id: string): Promise<MarketInstance | undefined>;
  /** Compare-and-set on updatedAt; false when someone else changed it first. */
  updateInstance(instance: MarketInstance, expectedUpdatedAt: Date): Promise<boolean>;
  /** Newest first, 1-based pages. */
  listInstances(query: InstanceQuery, page: { pageNumber: number; pageSize: number }): Promise<Page<MarketInstance>>;
  /** Instances whose dueAt (market-instance.ts) is at or before `now`, earliest first. */
  listDue(now: Date, limit: number): Promise<MarketInstance[]>;
  /** Instances with reconcilePending, least recently updated first. */
  listPending(limit: number): Promise<MarketInstance[]>;

  getLicense(code: string): Promise<MarketLicense | undefined>;
  /** Compare-and-set on status INACTIVATED; false when already activated. */
  activateLicense(license: MarketLicense): Promise<boolean>;

  addMetering(records: readonly MeteringRecord[]): Promise<void>;
  /** Records of the instance whose startTime is in [from, to), oldest first. */
  listMetering(instanceId: string, from: Date, to: Date): Promise<MeteringRecord[]>;
}
