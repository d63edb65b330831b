import type { Principal } from "../accounts/account.ts";
import { requestHash } from "../catalog/catalog-support.ts";
import { DomainError, isDomainError } from "../shared/domain-error.ts";
import { addPeriods, checkAgainstProduct, parseCommodity, priceOf } from "./commodity.ts";
import { DAY_MS, type MarketDeps } from "./market-deps.ts";
import { badCommodity, marketInstanceNotFound, MarketErrorCodes as E, orderNotFound, productNotFound } from "./market-errors.ts";
import { newLicenseCode, newMarketInstanceId, newMarketOrderId } from "./market-ids.ts";
import { nextUpdatedAt, ORDER_TYPES, PAYMENT_TYPES, type Commodity, type MarketInstance, type MarketLicense, type MarketOrder, type OrderPrice, type OrderType, type PaymentType } from "./market-instance.ts";
import type { MarketReconciler } from "./market-reconciler.ts";
import { deploymentRequest } from "./market-reconciler.ts";
import type { OrderWrites } from "./market-repository.ts";
import { initialStatus, nextStatus } from "./market-status.ts";
import { PACKAGE_VERSION, type MarketProduct, type ProductSku } from "./product.ts";

export interface CreateOrderInput {
  readonly orderType: string;
  readonly paymentType: string;
  /** The Commodity JSON string. */
  readonly commodity: string;
  readonly clientToken?: string;
}

export interface PriceQuote extends OrderPrice {
  readonly commodity: Commodity;
}

const MAX_ATTEMPTS = 3;

/**
 * CreateOrder, DescribeOrder, DescribePrice and paying a HAND order (ALIBABA.md 5.3).
 *
 * Everything is checked before anything is stored (commodity shape, product, SKU, period,
 * components, the target instance, and for Compute Nest delivery the deployment itself as a
 * dry run); the order and what it does are then written in one transaction, so a refused
 * order leaves nothing behind. AUTO orders are paid at once; HAND orders stay UNPAID and do
 * nothing until paid. With a ClientToken the same token and request give the same order; a
 * different request is IDEMPOTENT_PARAMETER_MISMATCH.
 */
export class MarketOrders {
  constructor(
    private readonly deps: MarketDeps,
    private readonly reconciler: MarketReconciler,
  ) {}

  async create(caller: Principal, input: CreateOrderInput): Promise<MarketOrder> {
    const orderType = oneOf(input.orderType, ORDER_TYPES, "OrderType", E.MARKET_ORDER_TYPE_INVALID);
    const paymentType = oneOf(input.paymentType, PAYMENT_TYPES, "PaymentType", E.MARKET_PAYMENT_TYPE_INVALID);
    const clientToken = checkClientToken(input.clientToken);
    const commodity = parseCommodity(input.commodity, orderType);
    const hash = requestHash({ orderType, paymentType, commodity, accountId: caller.accountId });
    if (clientToken) {
      const earlier = await this.replay(caller, clientToken, hash);
      if (earlier) return earlier;
    }
    const { product, sku } = await this.checked(caller, orderType, commodity);
    for (let attempt = 1; ; attempt++) {
      const now = this.deps.clock.now();
      const target = commodity.instanceId ? await this.ownInstance(caller, commodity.instanceId) : undefined;
      const order: MarketOrder = {
        id: newMarketOrderId(),
        accountId: caller.accountId,
        supplierAccountId: product.supplierAccountId,
        supplierName: product.supplierName,
        orderType,
        paymentType,
        commodity,
        productName: product.name,
        price: priceFor(orderType, commodity, sku, target),
        payStatus: paymentType === "AUTO" ? "PAID" : "UNPAID",
        instanceIds: target ? [target.id] : [],
        createdAt: now,
        paidAt: paymentType === "AUTO" ? now : undefined,
      };
      const writes = paymentType === "AUTO" ? await this.fulfil(order, product, target, now) : NO_WRITES;
      const stored: MarketOrder = { ...order, instanceIds: writes.insertInstances.length ? writes.insertInstances.map((i) => i.id) : order.instanceIds };
      try {
        await this.deps.repository.createOrder(stored, writes, clientToken ? { clientToken, requestHash: hash } : undefined);
      } catch (e) {
        if (isDomainError(e) && e.code === E.MARKET_CLIENT_TOKEN_MISMATCH && clientToken) {
          const earlier = await this.replay(caller, clientToken, hash);
          if (earlier) return earlier;
        }
        if (isDomainError(e) && e.code === E.MARKET_CONCURRENT_UPDATE && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
      this.deps.log.info({ orderId: stored.id, orderType, accountId: caller.accountId, productCode: product.code }, "Created MarketOrder");
      await this.afterCommit(writes);
      return stored;
    }
  }

  /** Pays an UNPAID (HAND) order: it then does what an AUTO order does at once. Paying twice is not an error. */
  async pay(caller: Principal, orderId: string): Promise<MarketOrder> {
    for (let attempt = 1; ; attempt++) {
      const order = await this.get(caller, orderId);
      if (order.payStatus === "PAID") return order;
      const product = await this.deps.repository.getProduct(order.commodity.productCode);
      if (!product) throw productNotFound(order.commodity.productCode);
      const target = order.commodity.instanceId ? await this.ownInstance(caller, order.commodity.instanceId) : undefined;
      const now = this.deps.clock.now();
      const paid: MarketOrder = { ...order, payStatus: "PAID", paidAt: now };
      const writes = await this.fulfil(paid, product, target, now);
      const stored = { ...paid, instanceIds: writes.insertInstances.length ? writes.insertInstances.map((i) => i.id) : paid.instanceIds };
      try {
        await this.deps.repository.payOrder(stored, writes);
      } catch (e) {
        if (isDomainError(e) && e.code === E.MARKET_CONCURRENT_UPDATE && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
      await this.afterCommit(writes);
      return stored;
    }
  }

  /** DescribeOrder: the caller's own order. */
  async get(caller: Principal, orderId: string): Promise<MarketOrder> {
    const order = /^\d{1,16}$/.test(orderId) ? await this.deps.repository.getOrder(orderId) : undefined;
    if (!order || order.accountId !== caller.accountId) throw orderNotFound(orderId);
    return order;
  }

  /** DescribePrice: what CreateOrder would charge, with the same checks; stores nothing. */
  async price(caller: Principal, orderTypeText: string, commodityText: string): Promise<PriceQuote> {
    const orderType = oneOf(orderTypeText, ORDER_TYPES, "OrderType", E.MARKET_ORDER_TYPE_INVALID);
    const commodity = parseCommodity(commodityText, orderType);
    const product = await this.deps.repository.getProduct(commodity.productCode);
    if (!product) throw productNotFound(commodity.productCode);
    const sku = checkAgainstProduct(commodity, product);
    const target = commodity.instanceId ? await this.ownInstance(caller, commodity.instanceId) : undefined;
    return { ...priceFor(orderType, commodity, sku, target), commodity };
  }

  // ---- internals ----

  private async replay(caller: Principal, clientToken: string, hash: string): Promise<MarketOrder | undefined> {
    const earlier = await this.deps.repository.getOrderByClientToken(caller.accountId, clientToken);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError("Conflict", "IDEMPOTENT_PARAMETER_MISMATCH", "The ClientToken was used before with different parameters.", { parameter: "ClientToken" });
    }
    return earlier.order;
  }

  /** Every check that does not depend on the moment of writing. */
  private async checked(caller: Principal, orderType: OrderType, commodity: Commodity): Promise<{ product: MarketProduct; sku: ProductSku }> {
    const product = await this.deps.repository.getProduct(commodity.productCode);
    if (!product) throw productNotFound(commodity.productCode);
    const sku = checkAgainstProduct(commodity, product);
    if (orderType === "INSTANCE_BUY") {
      if (product.computeNest) {
        // The deployment is checked as Compute Nest would check it, so a purchase that cannot be delivered is refused whole.
        const probe = probeInstance(caller, product, sku, commodity, this.deps.clock.now());
        await this.deps.link.check(deploymentRequest(probe, product));
      }
      return { product, sku };
    }
    const target = await this.ownInstance(caller, commodity.instanceId!);
    if (target.productCode !== product.code || target.skuCode !== sku.code) {
      throw badCommodity("Commodity", `The instance ${target.id} is of ${target.productCode} (${target.skuCode}), not ${product.code} (${sku.code}).`);
    }
    if (target.status === "CLOSED") throw new DomainError("FailedPrecondition", E.MARKET_INSTANCE_STATUS_INVALID, `The instance ${target.id} is CLOSED.`, { status: target.status });
    if (commodity.trial) throw badCommodity("Commodity", "Only INSTANCE_BUY orders can be trials.", E.MARKET_TRIAL_NOT_ALLOWED);
    if (orderType === "INSTANCE_UPGRADE") {
      if (target.status === "EXPIRED") throw new DomainError("FailedPrecondition", E.MARKET_INSTANCE_STATUS_INVALID, `The instance ${target.id} is EXPIRED; renew it first.`, { status: target.status });
      if (commodity.components[PACKAGE_VERSION] === target.components[PACKAGE_VERSION]) {
        throw badCommodity("Commodity", `The instance ${target.id} already has ${PACKAGE_VERSION} ${target.components[PACKAGE_VERSION]}.`, E.MARKET_COMPONENTS_INVALID);
      }
    }
    return { product, sku };
  }

  private async ownInstance(caller: Principal, id: string): Promise<MarketInstance> {
    const instance = await this.deps.repository.getInstance(id);
    if (!instance || instance.accountId !== caller.accountId) throw marketInstanceNotFound(id);
    return instance;
  }

  /** What a paid order changes: new instances (buy), a longer term (renew), another package (upgrade). */
  private async fulfil(order: MarketOrder, product: MarketProduct, target: MarketInstance | undefined, now: Date): Promise<OrderWrites> {
    const c = order.commodity;
    const sku = checkAgainstProduct(c, product);
    if (order.orderType === "INSTANCE_BUY") {
      const instances: MarketInstance[] = [];
      const licenses: MarketLicense[] = [];
      for (let n = 0; n < c.quantity; n++) {
        const base = probeInstance({ accountId: order.accountId }, product, sku, c, now);
        const instance: MarketInstance = { ...base, id: newMarketInstanceId(), orderId: order.id };
        if (product.licenseDelivery) {
          const code = newLicenseCode();
          licenses.push({ code, instanceId: instance.id, accountId: order.accountId, supplierAccountId: product.supplierAccountId, status: "INACTIVATED", createdAt: now });
          instances.push({ ...instance, licenseCode: code });
        } else instances.push(instance);
      }
      return { insertInstances: instances, updateInstances: [], insertLicenses: licenses };
    }
    const instance = target!;
    let next: MarketInstance;
    if (order.orderType === "INSTANCE_RENEW") {
      const from = instance.endOn > now ? instance.endOn : now;
      const status = instance.status === "EXPIRED" ? (nextStatus(instance.productType, instance.status, "renew") ?? instance.status) : instance.status;
      next = { ...instance, status, endOn: addPeriods(from, c.pricingCycle, c.duration), isTrial: false, expiredAt: undefined, closeAfter: undefined };
    } else {
      next = { ...instance, components: { ...instance.components, ...c.components } };
    }
    return {
      insertInstances: [],
      updateInstances: [{ instance: { ...next, reconcilePending: product.computeNest !== undefined, updatedAt: nextUpdatedAt(instance, now) }, expectedUpdatedAt: instance.updatedAt }],
      insertLicenses: [],
    };
  }

  /** Delivery starts once the order is stored; what fails here is left to the sweeper (reconcilePending). */
  private async afterCommit(writes: OrderWrites): Promise<void> {
    for (const instance of [...writes.insertInstances, ...writes.updateInstances.map((u) => u.instance)]) {
      const stored = await this.deps.repository.getInstance(instance.id);
      if (stored?.reconcilePending) await this.reconciler.reconcile(stored);
    }
  }
}

const NO_WRITES: OrderWrites = { insertInstances: [], updateInstances: [], insertLicenses: [] };

/** A new instance of the commodity (id and order id still to fill in). */
function probeInstance(buyer: { accountId: string }, product: MarketProduct, sku: ProductSku, c: Commodity, now: Date): MarketInstance {
  const endOn = c.trial ? new Date(now.getTime() + sku.trialDays * DAY_MS) : addPeriods(now, c.pricingCycle, c.duration);
  const linked = product.computeNest !== undefined;
  const initial = initialStatus(product.type);
  return {
    id: "0",
    orderId: "0",
    accountId: buyer.accountId,
    supplierAccountId: product.supplierAccountId,
    supplierName: product.supplierName,
    productCode: product.code,
    productName: product.name,
    productType: product.type,
    skuCode: sku.code,
    components: { ...c.components },
    // Nothing to deploy: delivered once paid.
    status: linked ? initial : (nextStatus(product.type, initial, "delivered") ?? initial),
    isTrial: c.trial,
    pricingCycle: c.pricingCycle,
    beganOn: linked ? undefined : now,
    endOn,
    reconcilePending: linked,
    createdAt: now,
    updatedAt: now,
  };
}

/** Buy and renew: the commodity's price. Upgrade: the difference of the per-period prices over the ordered duration (never negative). */
function priceFor(orderType: OrderType, c: Commodity, sku: ProductSku, target: MarketInstance | undefined): OrderPrice {
  const price = priceOf(c, sku);
  if (orderType !== "INSTANCE_UPGRADE" || !target) return price;
  const old = priceOf({ ...c, components: { ...c.components, ...target.components } }, sku);
  const diff = Math.max(0, Math.round((price.tradePrice - old.tradePrice) * 100) / 100);
  return { originalPrice: diff, discountPrice: 0, tradePrice: diff };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], parameter: string, code: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new DomainError("InvalidArgument", code, `The specified ${parameter} ${JSON.stringify(value)} is not valid; use ${allowed.join(", ")}.`, { parameter });
  }
  return value as T;
}

function checkClientToken(token: string | undefined): string | undefined {
  if (token === undefined || token === "") return undefined;
  if (token.length > 64 || !/^[\x20-\x7e]+$/.test(token)) {
    throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "The specified ClientToken is not valid: at most 64 ASCII characters.", { parameter: "ClientToken" });
  }
  return token;
}
