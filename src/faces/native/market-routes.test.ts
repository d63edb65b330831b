// The native Marketplace routes over a fake MarketAdmin: what reaches the core, the answers'
// shapes and statuses, RAM checks and the native error format.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import Fastify, { type FastifyInstance } from "fastify";
import type { Principal } from "../../core/accounts/account.ts";
import type { MarketOrder } from "../../core/market/market-instance.ts";
import type { MarketProduct } from "../../core/market/product.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { silentLogger } from "../../core/shared/logger.ts";
import type { MarketAdmin } from "./market-routes.ts";
import { registerNativeFace } from "./native-face.ts";

const root: Principal = { accountId: "1000", type: "Root", displayName: "root", accessKeyId: "LTAIroot", isOperator: false };
const user: Principal = { accountId: "1000", type: "SubUser", displayName: "bob", accessKeyId: "LTAIbob", isOperator: false };
const at = new Date("2026-03-01T00:00:00Z");

const product = (code: string): MarketProduct => ({
  code,
  name: "Hello",
  type: "SERVICE",
  supplierAccountId: "1000",
  supplierName: "Example",
  shortDescription: "",
  description: "",
  skus: [{ code: `${code}-prepay`, name: "Sub", chargeType: "PREPAY", hidden: false, periods: [], components: [], trialAllowed: false, trialDays: 0 }],
  gracePeriodDays: 7,
  licenseDelivery: false,
  meteringItems: [],
  computeNest: { serviceId: "service-1", regionId: "cn-hangzhou", specifications: [] },
  createdAt: at,
  updatedAt: at,
});

const order: MarketOrder = {
  id: "200000000000001",
  accountId: "1000",
  supplierAccountId: "2000",
  supplierName: "Example",
  orderType: "INSTANCE_BUY",
  paymentType: "HAND",
  commodity: { productCode: "cmjj00hello", skuCode: "cmjj00hello-prepay", duration: 1, pricingCycle: "Month", components: {}, quantity: 1, trial: false },
  productName: "Hello",
  price: { originalPrice: 99, discountPrice: 0, tradePrice: 99 },
  payStatus: "PAID",
  instanceIds: ["1000000001"],
  createdAt: at,
  paidAt: at,
};

async function buildApp(): Promise<{ app: FastifyInstance; calls: unknown[]; asked: string[] }> {
  const calls: unknown[] = [];
  const asked: string[] = [];
  const known = new Set<string>();
  const service: MarketAdmin = {
    products: {
      async publish(_caller, document) {
        calls.push(["publish", document]);
        const code = (document as { Code: string }).Code;
        const created = !known.has(code);
        known.add(code);
        return { product: product(code), created };
      },
    },
    orders: {
      async pay(_caller, orderId) {
        calls.push(["pay", orderId]);
        if (orderId !== order.id) throw new DomainError("NotFound", "MARKET_ORDER_NOT_FOUND", `The order ${orderId} does not exist.`);
        return order;
      },
    },
    metering: {
      async usage(_caller, instanceId, range) {
        calls.push(["usage", instanceId, range.from.toISOString(), range.to.toISOString(), range.period]);
        return [{ instanceId, item: "Frequency", key: "Frequency", periodStart: new Date("2026-01-01T00:00:00Z"), total: 7, records: 2 }];
      },
    },
  };
  const app = Fastify();
  registerNativeFace(app, {
    admin: {} as never,
    market: {
      service,
      authorizer: {
        async authorize(request) {
          asked.push(`${request.caller.displayName} ${request.action} ${request.resource}`);
          return request.caller.type === "Root" ? { allowed: true } : { allowed: false, explicit: false };
        },
      },
      now: () => at,
    },
    authenticate: async (request) => (String(request.headers.authorization).includes("bob") ? user : root),
    observer: { observe: () => undefined },
    log: silentLogger,
  });
  await app.ready();
  return { app, calls, asked };
}

const headers = { authorization: "ACS3-HMAC-SHA256 Credential=LTAIroot,SignedHeaders=host,Signature=00" };
const json = { ...headers, "content-type": "application/json" };

describe("native Marketplace routes", () => {
  test("PUT /market/products/{code}: 201 when created, 200 when replaced; the path names the product", async () => {
    const { app, calls, asked } = await buildApp();
    const first = await app.inject({ method: "PUT", url: "/nestbox/v1/market/products/cmjj00hello", headers: json, payload: { Product: { Name: "Hello" } } });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(first.json(), {
      code: "cmjj00hello",
      created: true,
      name: "Hello",
      type: "SERVICE",
      supplierAccountId: "1000",
      supplierName: "Example",
      skus: [{ code: "cmjj00hello-prepay", chargeType: "PREPAY" }],
      computeNest: { serviceId: "service-1", regionId: "cn-hangzhou" },
      createdAt: "2026-03-01T00:00:00.000Z",
      updatedAt: "2026-03-01T00:00:00.000Z",
    });
    const again = await app.inject({ method: "PUT", url: "/nestbox/v1/market/products/cmjj00hello", headers: json, payload: { Code: "cmjj00hello", Name: "Hello" } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().created, false);
    assert.deepEqual(calls, [
      ["publish", { Name: "Hello", Code: "cmjj00hello" }],
      ["publish", { Code: "cmjj00hello", Name: "Hello" }],
    ]);
    assert.deepEqual(asked, ["root market:PublishProduct *", "root market:PublishProduct *"]);

    const mismatch = await app.inject({ method: "PUT", url: "/nestbox/v1/market/products/cmjj00hello", headers: json, payload: { Code: "cmjj00other" } });
    assert.equal(mismatch.statusCode, 400);
    assert.equal(mismatch.json().code, "INVALID_ARGUMENT");
    const notAnObject = await app.inject({ method: "PUT", url: "/nestbox/v1/market/products/cmjj00hello", headers: json, payload: "[1]" });
    assert.equal(notAnObject.statusCode, 400);
    assert.equal(calls.length, 2, "refused documents reach no core call");
  });

  test("POST /market/orders/{orderId}/pay answers the order view, or the domain's 404", async () => {
    const { app } = await buildApp();
    const paid = await app.inject({ method: "POST", url: `/nestbox/v1/market/orders/${order.id}/pay`, headers });
    assert.equal(paid.statusCode, 200);
    assert.deepEqual(paid.json(), {
      orderId: order.id,
      accountId: "1000",
      orderType: "INSTANCE_BUY",
      paymentType: "HAND",
      payStatus: "PAID",
      productCode: "cmjj00hello",
      productSkuCode: "cmjj00hello-prepay",
      productName: "Hello",
      instanceIds: ["1000000001"],
      originalPrice: 99,
      tradePrice: 99,
      createdAt: "2026-03-01T00:00:00.000Z",
      paidAt: "2026-03-01T00:00:00.000Z",
    });
    const missing = await app.inject({ method: "POST", url: "/nestbox/v1/market/orders/42/pay", headers });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, "MARKET_ORDER_NOT_FOUND");
    assert.ok(missing.json().requestId);
  });

  test("GET /market/instances/{id}/usage: ISO or Unix-second bounds, Day and the epoch..now by default", async () => {
    const { app, calls } = await buildApp();
    const all = await app.inject({ method: "GET", url: "/nestbox/v1/market/instances/1000000001/usage", headers });
    assert.equal(all.statusCode, 200);
    assert.deepEqual(all.json(), {
      instanceId: "1000000001",
      period: "Day",
      from: "1970-01-01T00:00:00.000Z",
      to: "2026-03-01T00:00:00.001Z",
      usages: [{ meteringItem: "Frequency", key: "Frequency", periodStart: "2026-01-01T00:00:00.000Z", total: 7, records: 2 }],
    });
    const ranged = await app.inject({ method: "GET", url: "/nestbox/v1/market/instances/1000000001/usage?from=2026-01-01T08:00:00%2B08:00&to=1767312000&period=Month", headers });
    assert.equal(ranged.statusCode, 200);
    assert.deepEqual(calls[1], ["usage", "1000000001", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "Month"]);
    for (const query of ["period=Week", "from=yesterday", "to=2026-01-01"]) {
      const bad = await app.inject({ method: "GET", url: `/nestbox/v1/market/instances/1000000001/usage?${query}`, headers });
      assert.equal(bad.statusCode, 400, query);
      assert.equal(bad.json().code, "INVALID_ARGUMENT", query);
    }
    assert.equal(calls.length, 2);
  });

  test("a RAM user the policies do not allow gets 403 ACCESS_DENIED and nothing runs", async () => {
    const { app, calls, asked } = await buildApp();
    const bob = { authorization: "ACS3-HMAC-SHA256 Credential=LTAIbob,SignedHeaders=host,Signature=00" };
    for (const [method, url, action] of [
      ["POST", `/nestbox/v1/market/orders/${order.id}/pay`, "market:PayOrder"],
      ["GET", "/nestbox/v1/market/instances/1/usage", "market:DescribeMeteringUsage"],
    ] as const) {
      const res = await app.inject({ method, url, headers: bob });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, "ACCESS_DENIED");
      assert.match(res.json().message, new RegExp(action));
    }
    assert.deepEqual(asked, ["bob market:PayOrder *", "bob market:DescribeMeteringUsage *"]);
    assert.deepEqual(calls, []);
  });
});
