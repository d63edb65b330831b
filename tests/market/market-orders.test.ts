// Orders through the core: prices, upgrades through the instance's package change, HAND orders
// that wait for payment, and every kind of bad input refused with its code and nothing stored.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { buy, marketEngineContext, PRODUCT, productDocument, type MarketEngineContext } from "./market-engine-context.ts";
import { dialectsUnderTest } from "../support/dialects.ts";

const SKU = `${PRODUCT}-prepay`;
const commodity = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ productCode: PRODUCT, skuCode: SKU, duration: 1, pricingCycle: "Month", components: { package_version: "yuncode0001" }, ...extra });

for (const d of dialectsUnderTest()) describe(`Marketplace orders on ${d.name}`, { skip: d.skip }, () => {
  let ctx: MarketEngineContext;
  before(async () => {
    ctx = await marketEngineContext(d.name);
    await ctx.market.products.publish(ctx.supplier, productDocument(ctx.serviceId));
  });
  after(async () => ctx?.shutdown());

  const counts = async () => ({
    orders: Number((await ctx.store.db.selectFrom("market_orders").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
    instances: Number((await ctx.store.db.selectFrom("market_instances").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
    services: Number((await ctx.store.db.selectFrom("instances").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n),
  });

  test("DescribePrice: period price plus component prices, times duration", async () => {
    assert.equal((await ctx.market.orders.price(ctx.customer, "INSTANCE_BUY", commodity({ duration: 3 }))).tradePrice, 300);
    assert.equal((await ctx.market.orders.price(ctx.customer, "INSTANCE_BUY", commodity({ duration: 3, components: { package_version: "yuncode0002" } }))).tradePrice, 450);
    assert.equal((await ctx.market.orders.price(ctx.customer, "INSTANCE_BUY", commodity({ pricingCycle: "Year", duration: 2 }))).tradePrice, 2000);
  });

  test("an upgrade order moves the service instance to the new package", async () => {
    const order = await buy(ctx.market, ctx.customer);
    const id = order.instanceIds[0]!;
    await ctx.sweepUntil(() => ctx.market.instances.get(ctx.customer, id), (v) => v.instance.status === "STARTED" && v.linked?.settled === true, "delivery");
    const upgrade = await ctx.market.orders.create(ctx.customer, {
      orderType: "INSTANCE_UPGRADE",
      paymentType: "AUTO",
      clientToken: crypto.randomUUID(),
      commodity: commodity({ instanceId: id, components: { package_version: "yuncode0002" } }),
    });
    assert.equal(upgrade.price.tradePrice, 50, "the difference of the monthly prices");
    const after = await ctx.sweepUntil(
      () => ctx.market.instances.get(ctx.customer, id),
      (v) => v.linked?.specificationName === "Standard" && v.linked.settled && v.linked.status === "Deployed" && !v.instance.reconcilePending,
      "the package change",
    );
    assert.deepEqual(after.instance.components, { package_version: "yuncode0002" });
    const si = await ctx.service.get(ctx.customer, { marketInstanceId: id });
    assert.equal(si.instance.parameters.Replicas, 3);
  });

  test("a HAND order does nothing until it is paid", async () => {
    const before = await counts();
    const order = await buy(ctx.market, ctx.customer, {}, "HAND");
    assert.equal(order.payStatus, "UNPAID");
    assert.deepEqual(order.instanceIds, []);
    assert.equal((await counts()).instances, before.instances);
    const paid = await ctx.market.orders.pay(ctx.customer, order.id);
    assert.equal(paid.payStatus, "PAID");
    assert.equal(paid.instanceIds.length, 1);
    assert.equal((await ctx.market.orders.pay(ctx.customer, order.id)).instanceIds[0], paid.instanceIds[0], "paying twice is not an error");
    await ctx.sweepUntil(() => ctx.market.instances.get(ctx.customer, paid.instanceIds[0]!), (v) => v.instance.status === "STARTED", "delivery after payment");
  });

  test("bad input gets its code and nothing is half-created", async () => {
    const before = await counts();
    const refused = async (input: { orderType?: string; paymentType?: string; commodity: string; clientToken?: string }, code: string) =>
      assert.rejects(
        ctx.market.orders.create(ctx.customer, { orderType: "INSTANCE_BUY", paymentType: "AUTO", clientToken: crypto.randomUUID(), ...input }),
        (e: any) => e.code === code || assert.fail(`${e.code}: ${e.message} (wanted ${code})`),
      );
    await refused({ commodity: commodity({ productCode: "cmjj00nope" }) }, "MARKET_PRODUCT_NOT_FOUND");
    await refused({ commodity: commodity({ skuCode: `${PRODUCT}-postpay` }) }, "MARKET_SKU_INVALID");
    await refused({ commodity: commodity({ pricingCycle: "Week" }) }, "MARKET_PERIOD_INVALID");
    await refused({ commodity: commodity({ duration: 2 }) }, "MARKET_PERIOD_INVALID");
    await refused({ commodity: commodity({ components: { package_version: "yuncode9999" } }) }, "MARKET_COMPONENTS_INVALID");
    await refused({ commodity: commodity({ components: {} }) }, "MARKET_COMPONENTS_INVALID");
    await refused({ commodity: "{not json" }, "MARKET_COMMODITY_INVALID");
    await refused({ commodity: "[1,2]" }, "MARKET_COMMODITY_INVALID");
    await refused({ commodity: commodity({ duration: -1 }) }, "MARKET_COMMODITY_INVALID");
    await refused({ commodity: commodity(), orderType: "INSTANCE_SELL" }, "MARKET_ORDER_TYPE_INVALID");
    await refused({ commodity: commodity(), paymentType: "CASH" }, "MARKET_PAYMENT_TYPE_INVALID");
    await refused({ commodity: commodity({ instanceId: "123" }), orderType: "INSTANCE_RENEW" }, "MARKET_INSTANCE_NOT_FOUND");
    await refused({ commodity: commodity(), orderType: "INSTANCE_RENEW" }, "MARKET_COMMODITY_INVALID");
    assert.deepEqual(await counts(), before);

    // Another buyer's instance does not exist for the caller.
    const mine = await buy(ctx.market, ctx.customer);
    const stranger = await ctx.account("stranger");
    await assert.rejects(ctx.market.instances.get(stranger, mine.instanceIds[0]!), (e: any) => e.code === "MARKET_INSTANCE_NOT_FOUND");
    await assert.rejects(ctx.market.orders.get(stranger, mine.id), (e: any) => e.code === "MARKET_ORDER_NOT_FOUND");
    // The supplier sees its customer's instance.
    assert.equal((await ctx.market.instances.getForSupplier(ctx.supplier, mine.instanceIds[0]!)).instance.id, mine.instanceIds[0]);
  });

  test("a product that cannot be delivered is refused at publish", async () => {
    await assert.rejects(
      ctx.market.products.publish(ctx.supplier, productDocument(ctx.serviceId, { Code: "cmjj00bad", ComputeNest: { ServiceId: ctx.serviceId, Specifications: [{ SpecificationCode: "yuncode0001", SpecificationName: "Huge" }, { SpecificationCode: "yuncode0002" }] } })),
      (e: any) => e.code === "SPECIFICATION_NAME_INVALID",
    );
    await assert.rejects(ctx.market.products.publish(ctx.supplier, productDocument("service-00000000000000000000", { Code: "cmjj00bad" })), (e: any) => e.code === "SERVICE_NOT_FOUND");
    await assert.rejects(ctx.market.products.publish(ctx.customer, productDocument(ctx.serviceId)), (e: any) => e.code === "MARKET_PRODUCT_CODE_TAKEN");
    await assert.rejects(ctx.market.products.get("cmjj00bad"), (e: any) => e.code === "MARKET_PRODUCT_NOT_FOUND");
  });
});
