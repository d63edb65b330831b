import type { MarketDeps } from "./market-deps.ts";
import { MarketInstances } from "./market-instances.ts";
import { MarketLicensing } from "./market-licensing.ts";
import { MarketMetering } from "./market-metering.ts";
import { MarketOrders } from "./market-orders.ts";
import { MarketProducts } from "./market-products.ts";
import { MarketReconciler } from "./market-reconciler.ts";

export type { MarketDeps } from "./market-deps.ts";

/**
 * The Marketplace use-cases (ALIBABA.md 5), one part per concern: the product catalogue,
 * orders, instances, licences, metering, and the reconciler that delivers purchases through
 * Compute Nest and moves instances through expiry (run by server/market-sweeper.ts).
 */
export class MarketService {
  readonly products: MarketProducts;
  readonly orders: MarketOrders;
  readonly instances: MarketInstances;
  readonly licenses: MarketLicensing;
  readonly metering: MarketMetering;
  readonly reconciler: MarketReconciler;

  constructor(deps: MarketDeps) {
    this.reconciler = new MarketReconciler(deps);
    this.products = new MarketProducts(deps);
    this.orders = new MarketOrders(deps, this.reconciler);
    this.instances = new MarketInstances(deps, this.reconciler);
    this.licenses = new MarketLicensing(deps);
    this.metering = new MarketMetering(deps);
  }
}
