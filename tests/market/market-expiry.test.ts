// Expiry for real, by time travel: a one-month purchase expires after a month (the service
// instance is stopped, BizStatus Expired), a renewal in the grace period brings it back, and
// after the grace period the instance is CLOSED and its service instance deleted.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { buy, DAY, marketEngineContext, productDocument, type MarketEngineContext } from "./market-engine-context.ts";
import { dialectsUnderTest } from "../support/dialects.ts";
import { PRODUCT } from "./market-engine-context.ts";

for (const d of dialectsUnderTest()) describe(`Marketplace expiry (time travel) on ${d.name}`, { skip: d.skip }, () => {
  let ctx: MarketEngineContext;
  before(async () => {
    ctx = await marketEngineContext(d.name);
    await ctx.market.products.publish(ctx.supplier, productDocument(ctx.serviceId));
  });
  after(async () => ctx?.shutdown());

  const view = (id: string) => ctx.market.instances.get(ctx.customer, id);
  const linked = async (id: string) => {
    const v = await view(id);
    return { status: v.instance.status, service: v.linked?.status, biz: v.linked?.bizStatus, endTime: v.linked?.endTime?.getTime(), settled: v.linked?.settled };
  };

  test("expires after a month, comes back on renewal, closes after the grace period", async () => {
    const order = await buy(ctx.market, ctx.customer);
    const id = order.instanceIds[0]!;
    const started = await ctx.sweepUntil(() => linked(id), (s) => s.status === "STARTED" && s.service === "Deployed", "delivery");
    assert.equal(started.biz, "Normal");
    const endOn = (await view(id)).instance.endOn;
    assert.equal(started.endTime, endOn.getTime());

    // One day before the end nothing happens.
    ctx.clock.set(new Date(endOn.getTime() - DAY));
    await ctx.sweeper.sweepNow();
    assert.equal((await view(id)).instance.status, "STARTED");

    // A month later: EXPIRED, the service instance stopped with BizStatus Expired.
    ctx.clock.set(new Date(endOn.getTime() + 1000));
    const expired = await ctx.sweepUntil(() => linked(id), (s) => s.service === "Stopped" && s.settled === true, "the service instance to stop");
    assert.equal(expired.status, "EXPIRED");
    assert.equal(expired.biz, "Expired");
    const si = await ctx.service.get(ctx.customer, { marketInstanceId: id });
    assert.equal(si.instance.source, "Market");

    // Renewal within the grace period: STARTED again, running, a new EndOn a month from now.
    ctx.clock.advance(3 * DAY);
    const renewal = await ctx.market.orders.create(ctx.customer, {
      orderType: "INSTANCE_RENEW",
      paymentType: "AUTO",
      clientToken: crypto.randomUUID(),
      commodity: JSON.stringify({ productCode: PRODUCT, skuCode: `${PRODUCT}-prepay`, instanceId: id, duration: 1, pricingCycle: "Month", components: { package_version: "yuncode0001" } }),
    });
    assert.deepEqual(renewal.instanceIds, [id]);
    const renewed = await ctx.sweepUntil(() => linked(id), (s) => s.service === "Deployed" && s.settled === true && s.biz === "Normal", "the service instance to start again");
    assert.equal(renewed.status, "STARTED");
    const newEnd = (await view(id)).instance.endOn;
    assert.ok(newEnd.getTime() > ctx.clock.now().getTime() + 27 * DAY, "EndOn moved a month past the renewal");
    assert.equal(renewed.endTime, newEnd.getTime());

    // Past the new end and then the 7-day grace period: CLOSED, the service instance deleted.
    ctx.clock.set(new Date(newEnd.getTime() + 1000));
    await ctx.sweepUntil(() => linked(id), (s) => s.status === "EXPIRED" && s.service === "Stopped", "the second expiry");
    ctx.clock.advance(6 * DAY);
    await ctx.sweeper.sweepNow();
    assert.equal((await view(id)).instance.status, "EXPIRED", "still in the grace period");
    ctx.clock.advance(2 * DAY);
    const closed = await ctx.sweepUntil(() => linked(id), (s) => s.status === "CLOSED" && s.service === undefined, "the service instance to be deleted");
    assert.equal(closed.status, "CLOSED");
    const row = await ctx.store.db.selectFrom("instances").select(["status"]).where("market_instance_id", "=", id).executeTakeFirstOrThrow();
    assert.equal(row.status, "Deleted");

    // A CLOSED instance cannot be renewed.
    await assert.rejects(
      ctx.market.orders.create(ctx.customer, {
        orderType: "INSTANCE_RENEW",
        paymentType: "AUTO",
        clientToken: crypto.randomUUID(),
        commodity: JSON.stringify({ productCode: PRODUCT, skuCode: `${PRODUCT}-prepay`, instanceId: id, duration: 1, pricingCycle: "Month", components: { package_version: "yuncode0001" } }),
      }),
      (e: any) => e.code === "MARKET_INSTANCE_STATUS_INVALID",
    );
  });

  test("a trial ends after its trial days", async () => {
    const order = await buy(ctx.market, ctx.customer, { properties: { trial: true } });
    const id = order.instanceIds[0]!;
    const started = await ctx.sweepUntil(() => view(id), (v) => v.instance.status === "STARTED", "the trial to start");
    assert.equal(started.instance.isTrial, true);
    assert.equal(order.price.tradePrice, 0);
    assert.equal(started.instance.endOn.getTime() - started.instance.createdAt.getTime(), 7 * DAY);
    ctx.clock.set(new Date(started.instance.endOn.getTime() + 1));
    const expired = await ctx.sweepUntil(() => linked(id), (s) => s.service === "Stopped" && s.settled === true, "the trial's service instance to stop");
    assert.equal(expired.status, "EXPIRED");
  });
});
