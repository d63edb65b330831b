import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Principal } from "../../core/accounts/account.ts";
import type { MarketOrder, MeteringUsage } from "../../core/market/market-instance.ts";
import { USAGE_PERIODS, type UsagePeriod } from "../../core/market/market-metering.ts";
import type { MarketProduct } from "../../core/market/product.ts";
import { DomainError, invalidArgument } from "../../core/shared/domain-error.ts";
import type { Authorizer } from "../shared/ports.ts";
import { callerOf } from "./native-request.ts";

/**
 * What the Marketplace leaves to its console, and nestbox serves as its own API: publishing a
 * product, paying a HAND order, reading the usage pushed with PushMeteringData. MarketService
 * implements it. The vendor's Market namespace (2015-11-01) keeps only the vendor's actions.
 */
export interface MarketAdmin {
  readonly products: { publish(caller: Principal, document: unknown): Promise<{ product: MarketProduct; created: boolean }> };
  readonly orders: { pay(caller: Principal, orderId: string): Promise<MarketOrder> };
  readonly metering: { usage(caller: Principal, instanceId: string, range: { from: Date; to: Date; period: UsagePeriod }): Promise<MeteringUsage[]> };
}

export interface NativeMarketDeps {
  readonly service: MarketAdmin;
  /** RAM: a user or role needs market:<Action> (AliyunMarketplaceFullAccess), as on every face. */
  readonly authorizer: Authorizer;
  readonly now: () => Date;
}

const PRODUCT_CODE = Type.String({ minLength: 1, maxLength: 64 });
/** Marketplace ids are digits; anything else is simply not found (the core decides). */
const MARKET_ID = Type.String({ minLength: 1, maxLength: 64 });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const toProductView = (p: MarketProduct, created: boolean) => ({
  code: p.code,
  created,
  name: p.name,
  type: p.type,
  supplierAccountId: p.supplierAccountId,
  supplierName: p.supplierName,
  skus: p.skus.map((s) => ({ code: s.code, chargeType: s.chargeType })),
  ...(p.computeNest
    ? { computeNest: { serviceId: p.computeNest.serviceId, regionId: p.computeNest.regionId, ...(p.computeNest.serviceVersion ? { serviceVersion: p.computeNest.serviceVersion } : {}) } }
    : {}),
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const toOrderView = (o: MarketOrder) => ({
  orderId: o.id,
  accountId: o.accountId,
  orderType: o.orderType,
  paymentType: o.paymentType,
  payStatus: o.payStatus,
  productCode: o.commodity.productCode,
  productSkuCode: o.commodity.skuCode,
  productName: o.productName,
  instanceIds: [...o.instanceIds],
  originalPrice: o.price.originalPrice,
  tradePrice: o.price.tradePrice,
  createdAt: o.createdAt.toISOString(),
  ...(o.paidAt ? { paidAt: o.paidAt.toISOString() } : {}),
});

/** A query time: ISO 8601 with a zone, or Unix seconds. */
function timeOf(text: string | undefined, name: string): Date | undefined {
  if (text === undefined || text === "") return undefined;
  const ms = /^\d{1,12}$/.test(text) ? Number(text) * 1000 : /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw invalidArgument(name, `The ${name} ${JSON.stringify(text)} is not a time; use ISO 8601 (2026-01-01T00:00:00Z) or Unix seconds.`);
  return new Date(ms);
}

/**
 * PUT /market/products/{code}, POST /market/orders/{orderId}/pay,
 * GET /market/instances/{instanceId}/usage?from=&to=&period=.
 */
export function registerMarketRoutes(app: FastifyInstance, deps: NativeMarketDeps): void {
  /** The caller's RAM check for `market:<action>`, as the RPC face made it for these actions. */
  const authorized = async (request: FastifyRequest, action: string): Promise<Principal> => {
    const caller = callerOf(request);
    const decision = await deps.authorizer.authorize({ caller, action: `market:${action}`, resource: "*", sourceIp: request.ip, secureTransport: request.protocol === "https" });
    if (!decision.allowed) {
      throw new DomainError("PermissionDenied", "ACCESS_DENIED", `${caller.displayName} is not allowed market:${action}; attach AliyunMarketplaceFullAccess or a policy that allows it.`, {
        action: `market:${action}`,
      });
    }
    return caller;
  };

  app.put(
    "/market/products/:code",
    { config: { action: "PublishMarketProduct" }, schema: { params: Type.Object({ code: PRODUCT_CODE }), body: Type.Object({}, { additionalProperties: true }) } },
    async (request, reply) => {
      const caller = await authorized(request, "PublishProduct");
      const { code } = request.params as { code: string };
      const body = request.body as Record<string, unknown>;
      // The body is the product document (product.yaml's Product mapping), bare or under Product.
      const document = isObject(body["Product"]) ? body["Product"] : body;
      if (document["Code"] !== undefined && document["Code"] !== code) {
        throw invalidArgument("Code", `The document's Code ${JSON.stringify(document["Code"])} is not the product ${code} of the path.`);
      }
      const { product, created } = await deps.service.products.publish(caller, { ...document, Code: code });
      return reply.code(created ? 201 : 200).send(toProductView(product, created));
    },
  );

  app.post(
    "/market/orders/:orderId/pay",
    { config: { action: "PayMarketOrder" }, schema: { params: Type.Object({ orderId: MARKET_ID }) } },
    async (request) => {
      const caller = await authorized(request, "PayOrder");
      return toOrderView(await deps.service.orders.pay(caller, (request.params as { orderId: string }).orderId));
    },
  );

  app.get(
    "/market/instances/:instanceId/usage",
    {
      config: { action: "GetMarketUsage" },
      schema: {
        params: Type.Object({ instanceId: MARKET_ID }),
        querystring: Type.Object({
          from: Type.Optional(Type.String()),
          to: Type.Optional(Type.String()),
          period: Type.Optional(Type.Union(USAGE_PERIODS.map((p) => Type.Literal(p)))),
        }),
      },
    },
    async (request) => {
      const caller = await authorized(request, "DescribeMeteringUsage");
      const { instanceId } = request.params as { instanceId: string };
      const query = request.query as { from?: string; to?: string; period?: UsagePeriod };
      const period = query.period ?? "Day";
      const from = timeOf(query.from, "from") ?? new Date(0);
      // `to` is exclusive; by default everything pushed up to now.
      const to = timeOf(query.to, "to") ?? new Date(deps.now().getTime() + 1);
      const usage = await deps.service.metering.usage(caller, instanceId, { from, to, period });
      return {
        instanceId,
        period,
        from: from.toISOString(),
        to: to.toISOString(),
        usages: usage.map((u) => ({ meteringItem: u.item, key: u.key, periodStart: u.periodStart.toISOString(), total: u.total, records: u.records })),
      };
    },
  );
}
