// Licence codes (ActivateLicense / DescribeLicense) and metering (PushMeteringData, usage per
// instance, item and period) through the core, on a product with nothing to deploy.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { marketEngineContext, type MarketEngineContext } from "./market-engine-context.ts";
import { dialectsUnderTest } from "../support/dialects.ts";

const CODE = "cmjj00lic";

for (const d of dialectsUnderTest()) describe(`Marketplace licences and metering on ${d.name}`, { skip: d.skip }, () => {
  let ctx: MarketEngineContext;
  let instanceId: string;
  before(async () => {
    ctx = await marketEngineContext(d.name);
    await ctx.market.products.publish(ctx.supplier, {
      Product: {
        Code: CODE,
        Name: "Licensed tool",
        Type: "DOWNLOAD",
        LicenseDelivery: true,
        MeteringItems: [`${CODE}-Frequency-1`],
        Skus: [{ ChargeType: "PREPAY", OrderPeriods: [{ PricingCycle: "Year", Price: 10 }], Components: [{ Code: "package_version", Values: [{ Value: "yuncode0100" }] }] }],
      },
    });
    const order = await ctx.market.orders.create(ctx.customer, {
      orderType: "INSTANCE_BUY",
      paymentType: "AUTO",
      clientToken: crypto.randomUUID(),
      commodity: JSON.stringify({ productCode: CODE, skuCode: `${CODE}-prepay`, duration: 1, pricingCycle: "Year", components: { package_version: "yuncode0100" } }),
    });
    instanceId = order.instanceIds[0]!;
  });
  after(async () => ctx?.shutdown());

  test("a product with nothing to deploy is OPENED at once and carries an inactive licence", async () => {
    const { instance } = await ctx.market.instances.get(ctx.customer, instanceId);
    assert.equal(instance.status, "OPENED");
    assert.match(instance.licenseCode ?? "", /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    const described = await ctx.market.licenses.describe(ctx.supplier, instance.licenseCode!);
    assert.equal(described.license.status, "INACTIVATED");
    const stranger = await ctx.account("stranger");
    await assert.rejects(ctx.market.licenses.describe(stranger, instance.licenseCode!), (e: any) => e.code === "MARKET_LICENSE_NOT_FOUND");

    const activated = await ctx.market.licenses.activate(ctx.supplier, instance.licenseCode!, "1234567890");
    assert.equal(activated.license.status, "ACTIVATED");
    assert.equal((await ctx.market.licenses.activate(ctx.supplier, instance.licenseCode!, "1234567890")).license.status, "ACTIVATED", "a retry succeeds");
    await assert.rejects(ctx.market.licenses.activate(ctx.supplier, instance.licenseCode!, "999"), (e: any) => e.code === "MARKET_LICENSE_ACTIVATED");
    await assert.rejects(ctx.market.licenses.activate(ctx.supplier, "NOPE-NOPE", undefined), (e: any) => e.code === "MARKET_LICENSE_NOT_FOUND");
  });

  test("PushMeteringData stores usage per instance and item; usage sums it per period", async () => {
    const day = Date.UTC(2026, 10, 24) / 1000;
    const push = (entries: unknown) => ctx.market.metering.push(ctx.supplier, JSON.stringify(entries));
    assert.equal(
      await push([
        { InstanceId: instanceId, StartTime: day, EndTime: day + 3600, Entities: [{ Key: "Frequency", Value: "5", meteringAssit: `${CODE}-Frequency-1` }] },
        { InstanceId: instanceId, StartTime: day + 7200, EndTime: day + 9000, Entities: [{ Key: "Frequency", Value: 7, meteringAssit: `${CODE}-Frequency-1` }] },
        { InstanceId: instanceId, StartTime: day + 86400, EndTime: day + 90000, Entities: [{ Key: "Frequency", Value: "1", meteringAssit: `${CODE}-Frequency-1` }] },
      ]),
      3,
    );
    const usage = await ctx.market.metering.usage(ctx.customer, instanceId, { from: new Date(0), to: new Date((day + 200000) * 1000), period: "Day" });
    assert.deepEqual(
      usage.map((u) => [u.periodStart.toISOString().slice(0, 10), u.item, u.total, u.records]),
      [
        ["2026-11-24", `${CODE}-Frequency-1`, 12, 2],
        ["2026-11-25", `${CODE}-Frequency-1`, 1, 1],
      ],
    );
  });

  test("malformed metering is refused whole, naming the entry", async () => {
    const before = (await ctx.market.metering.usage(ctx.supplier, instanceId, { from: new Date(0), to: new Date(8.64e15), period: "Month" })).length;
    const refused = (metering: string | undefined, path: RegExp) =>
      assert.rejects(ctx.market.metering.push(ctx.supplier, metering), (e: any) => e.code === "MARKET_METERING_INVALID" && path.test(e.message));
    const ok = { InstanceId: instanceId, StartTime: 1, EndTime: 2, Entities: [{ Key: "Frequency", Value: "1" }] };
    await refused(undefined, /^Metering is mandatory/);
    await refused("{oops", /not valid JSON/);
    await refused(JSON.stringify([ok, { ...ok, Entities: [{ Key: "Frequency", Value: "-3" }] }]), /^Metering\[1\]\.Entities\[0\]\.Value/);
    await refused(JSON.stringify([{ ...ok, Entities: [{ Key: "Bananas", Value: "1" }] }]), /^Metering\[0\]\.Entities\[0\]\.Key/);
    await refused(JSON.stringify([{ ...ok, InstanceId: "42" }]), /^Metering\[0\]\.InstanceId/);
    await refused(JSON.stringify([{ ...ok, EndTime: 0 }]), /^Metering\[0\]\.EndTime/);
    await refused(JSON.stringify([{ ...ok, Entities: [{ Key: "Frequency", Value: "1", meteringAssit: "other-item" }] }]), /meteringAssit/);
    const stranger = await ctx.account("stranger-2");
    await assert.rejects(ctx.market.metering.push(stranger, JSON.stringify([ok])), (e: any) => e.code === "MARKET_METERING_INVALID");
    assert.equal((await ctx.market.metering.usage(ctx.supplier, instanceId, { from: new Date(0), to: new Date(8.64e15), period: "Month" })).length, before);
  });
});
