// The Marketplace over the real instance service and engine (fake driver) on SQLite, with the
// catalog's ManualClock, so tests travel in time instead of sleeping.
import type { DialectName } from "../../src/storage/sql/dialects/dialect.ts";
import type { Principal } from "../../src/core/accounts/account.ts";
import { InstanceServiceLink } from "../../src/core/market/instance-service-link.ts";
import { MarketService } from "../../src/core/market/market-service.ts";
import { silentLogger } from "../../src/core/shared/logger.ts";
import { FakeDriver } from "../../src/engine/drivers/fake-driver.ts";
import { MarketSweeper } from "../../src/server/market-sweeper.ts";
import { SqlMarketRepository } from "../../src/storage/sql/market-repository.ts";
import { HELLO_TEMPLATE } from "../conformance/alibaba-rpc/catalog-context.ts";
import { engineContext, type EngineContext } from "../engine/instances/engine-context.ts";

export const DAY = 86_400_000;
export const PRODUCT = "cmjj00test";

export interface MarketEngineContext extends EngineContext {
  readonly market: MarketService;
  readonly sweeper: MarketSweeper;
  readonly driver: FakeDriver;
  readonly serviceId: string;
  /** Sweeps until `check` holds (each sweep reconciles what is pending). */
  sweepUntil<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string): Promise<T>;
}

/** The product document of a SERVICE product delivered by the test service (two packages). */
export function productDocument(serviceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Product: {
      Code: PRODUCT,
      Name: "Test product",
      Type: "SERVICE",
      SupplierName: "Supplier Co.",
      GracePeriodDays: 7,
      Skus: [
        {
          Code: `${PRODUCT}-prepay`,
          ChargeType: "PREPAY",
          Trial: { Allowed: true, Days: 7 },
          OrderPeriods: [
            { PricingCycle: "Month", Durations: [1, 3], Price: 100 },
            { PricingCycle: "Year", Price: 1000 },
          ],
          Components: [{ Code: "package_version", Values: [{ Value: "yuncode0001", Name: "Small" }, { Value: "yuncode0002", Name: "Standard", PricePerPeriod: { Month: 50 } }] }],
        },
      ],
      ComputeNest: {
        ServiceId: serviceId,
        Specifications: [
          { SpecificationCode: "yuncode0001", SpecificationName: "Small" },
          { SpecificationCode: "yuncode0002", SpecificationName: "Standard" },
        ],
      },
      ...extra,
    },
  };
}

export async function marketEngineContext(dialect: DialectName = "sqlite"): Promise<MarketEngineContext> {
  const driver = new FakeDriver();
  const ctx = await engineContext(driver, dialect);
  const created = await ctx.catalog.createService(ctx.supplier, {
    regionId: "cn-hangzhou",
    deployType: "ros",
    shareType: "Public",
    versionName: "first",
    serviceInfos: [{ locale: "en-US", name: `Market ${Math.random().toString(36).slice(2, 8)}`, shortDescription: "test" }],
    deployMetadata: JSON.stringify({
      TemplateConfigs: [
        {
          Name: "Default",
          TemplateBody: HELLO_TEMPLATE,
          PredefinedParameters: [
            { Name: "Small", Parameters: { Replicas: 1 } },
            { Name: "Standard", Parameters: { Replicas: 3 } },
          ],
        },
      ],
    }),
  });
  await ctx.catalog.registerService(ctx.supplier, created.service.id);
  await ctx.catalog.launchService(ctx.supplier, created.service.id, "1");
  ctx.clock.advance(1000);
  const market = new MarketService({ repository: new SqlMarketRepository(ctx.store.db), link: new InstanceServiceLink(ctx.service), clock: ctx.clock, log: silentLogger });
  const sweeper = new MarketSweeper(market.reconciler, { log: silentLogger });
  return {
    ...ctx,
    market,
    sweeper,
    driver,
    serviceId: created.service.id,
    async sweepUntil(read, check, what) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        await sweeper.sweepNow();
        const v = await read();
        if (check(v)) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export const buy = (market: MarketService, caller: Principal, commodity: Record<string, unknown> = {}, paymentType = "AUTO") =>
  market.orders.create(caller, {
    orderType: "INSTANCE_BUY",
    paymentType,
    clientToken: crypto.randomUUID(),
    commodity: JSON.stringify({ productCode: PRODUCT, skuCode: `${PRODUCT}-prepay`, duration: 1, pricingCycle: "Month", components: { package_version: "yuncode0001" }, ...commodity }),
  });
