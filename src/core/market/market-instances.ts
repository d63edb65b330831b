import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Page } from "../shared/page.ts";
import type { LinkedDeployment } from "./compute-nest-link.ts";
import type { MarketDeps } from "./market-deps.ts";
import { marketInstanceNotFound } from "./market-errors.ts";
import type { MarketInstance } from "./market-instance.ts";
import { pageOf } from "./market-products.ts";
import type { MarketReconciler } from "./market-reconciler.ts";
import { PRODUCT_TYPES, type MarketProduct, type ProductType } from "./product.ts";

/** An instance with what DescribeInstance shows of its product and linked deployment. */
export interface MarketInstanceView {
  readonly instance: MarketInstance;
  readonly product?: MarketProduct;
  readonly linked?: LinkedDeployment;
}

export interface MarketInstanceQuery {
  readonly productType?: string;
  readonly codes?: readonly string[];
  readonly exceptCodes?: readonly string[];
  readonly pageNumber?: number;
  readonly pageSize?: number;
}

/** DescribeInstances also filters on ROS and IOT (ALIBABA.md 5.2); nestbox sells neither, so they match nothing. */
const LISTED_ONLY_TYPES = ["ROS", "IOT"];

/**
 * Reading instances: the buyer's own (DescribeInstance, DescribeInstances) and the supplier's
 * customers' (DescribeInstanceForIsv). Anyone else's instance is MARKET_INSTANCE_NOT_FOUND, like
 * a missing one. An instance waiting on its linked deployment is reconciled before it is read,
 * so a finished deployment shows without waiting for the next sweep.
 */
export class MarketInstances {
  constructor(
    private readonly deps: MarketDeps,
    private readonly reconciler: MarketReconciler,
  ) {}

  async get(caller: Principal, id: string): Promise<MarketInstanceView> {
    return this.view(await this.find(id, (i) => i.accountId === caller.accountId));
  }

  async getForSupplier(caller: Principal, id: string): Promise<MarketInstanceView> {
    return this.view(await this.find(id, (i) => i.supplierAccountId === caller.accountId));
  }

  async list(caller: Principal, query: MarketInstanceQuery): Promise<{ page: Page<MarketInstanceView>; pageNumber: number; pageSize: number }> {
    const { pageNumber, pageSize } = pageOf(query, 20);
    if (query.codes?.length && query.exceptCodes?.length) {
      throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "Codes and ExceptCodes cannot be used together.", { parameter: "ExceptCodes" });
    }
    const type = query.productType || undefined;
    if (type && !(PRODUCT_TYPES as readonly string[]).includes(type)) {
      if (LISTED_ONLY_TYPES.includes(type)) return { page: { items: [], nextToken: "", totalCount: 0 }, pageNumber, pageSize };
      throw new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified ProductType ${type} is not valid.`, { parameter: "ProductType" });
    }
    const found = await this.deps.repository.listInstances(
      { accountId: caller.accountId, productType: type as ProductType | undefined, codes: query.codes, exceptCodes: query.exceptCodes },
      { pageNumber, pageSize },
    );
    const items: MarketInstanceView[] = [];
    for (const instance of found.items) items.push(await this.view(instance));
    return { page: { ...found, items }, pageNumber, pageSize };
  }

  private async find(id: string, visible: (i: MarketInstance) => boolean): Promise<MarketInstance> {
    const instance = /^\d{1,16}$/.test(id) ? await this.deps.repository.getInstance(id) : undefined;
    if (!instance || !visible(instance)) throw marketInstanceNotFound(id);
    return instance;
  }

  private async view(found: MarketInstance): Promise<MarketInstanceView> {
    let instance = found;
    if (instance.reconcilePending) {
      await this.reconciler.reconcile(instance);
      instance = (await this.deps.repository.getInstance(instance.id)) ?? instance;
    }
    const product = await this.deps.repository.getProduct(instance.productCode);
    const linked = instance.serviceInstanceId ? await this.deps.link.get(instance.accountId, instance.serviceInstanceId) : undefined;
    return { instance, product, linked };
  }
}
