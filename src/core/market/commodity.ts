import { badCommodity, MarketErrorCodes as E } from "./market-errors.ts";
import type { Commodity, OrderPrice, OrderType } from "./market-instance.ts";
import { findSku, PACKAGE_VERSION, PRICING_CYCLES, type MarketProduct, type PricingCycle, type ProductSku } from "./product.ts";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const MAX_QUANTITY = 100;

/**
 * Reads the Commodity parameter of CreateOrder / DescribePrice (ALIBABA.md 5.3): a JSON string
 * with productCode, skuCode, duration, pricingCycle, components (package_version required),
 * optional quantity and properties; renew and upgrade also name instanceId. Only the shape is
 * checked here (MARKET_COMMODITY_INVALID); checkAgainstProduct checks the values. Pure.
 */
export function parseCommodity(text: string, orderType: OrderType): Commodity {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw badCommodity("Commodity", "The specified parameter Commodity is not valid JSON.");
  }
  if (!isObject(raw)) throw badCommodity("Commodity", "The specified parameter Commodity must be a JSON object.");
  const str = (name: string, required: boolean): string | undefined => {
    const v = raw[name];
    if (v === undefined || v === null || v === "") {
      if (required) throw badCommodity("Commodity", `Commodity.${name} is mandatory for this action.`);
      return undefined;
    }
    if (typeof v !== "string" && typeof v !== "number") throw badCommodity("Commodity", `Commodity.${name} must be a string.`);
    return String(v);
  };
  const int = (name: string, fallback?: number): number => {
    const v = raw[name];
    if (v === undefined || v === null || v === "") {
      if (fallback === undefined) throw badCommodity("Commodity", `Commodity.${name} is mandatory for this action.`);
      return fallback;
    }
    const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw badCommodity("Commodity", `Commodity.${name} must be a positive whole number.`);
    return n;
  };
  const cycle = str("pricingCycle", true)!;
  if (!(PRICING_CYCLES as readonly string[]).includes(cycle)) {
    throw badCommodity("Commodity", `Commodity.pricingCycle ${JSON.stringify(cycle)} is not valid; use ${PRICING_CYCLES.join(", ")}.`, E.MARKET_PERIOD_INVALID);
  }
  const components = raw["components"];
  if (!isObject(components)) throw badCommodity("Commodity", "Commodity.components must be an object with package_version.", E.MARKET_COMPONENTS_INVALID);
  const chosen: Record<string, string> = {};
  for (const [k, v] of Object.entries(components)) {
    if (typeof v !== "string" && typeof v !== "number") throw badCommodity("Commodity", `Commodity.components.${k} must be a string.`, E.MARKET_COMPONENTS_INVALID);
    chosen[k] = String(v);
  }
  if (!chosen[PACKAGE_VERSION]) throw badCommodity("Commodity", `Commodity.components.${PACKAGE_VERSION} is mandatory for this action.`, E.MARKET_COMPONENTS_INVALID);
  const properties = raw["properties"];
  if (properties !== undefined && properties !== null && !isObject(properties)) throw badCommodity("Commodity", "Commodity.properties must be an object.");
  const quantity = int("quantity", 1);
  if (quantity > MAX_QUANTITY) throw badCommodity("Commodity", `Commodity.quantity must be at most ${MAX_QUANTITY}.`);
  const instanceId = str("instanceId", orderType !== "INSTANCE_BUY");
  if (instanceId !== undefined && !/^\d{1,16}$/.test(instanceId)) throw badCommodity("Commodity", `Commodity.instanceId ${JSON.stringify(instanceId)} is not valid.`);
  return {
    productCode: str("productCode", true)!,
    skuCode: str("skuCode", true)!,
    duration: int("duration"),
    pricingCycle: cycle as PricingCycle,
    components: chosen,
    quantity: orderType === "INSTANCE_BUY" ? quantity : 1,
    instanceId,
    trial: isObject(properties) && properties["trial"] === true,
  };
}

/**
 * Checks the commodity against the product: the SKU exists and is not hidden, the period and
 * duration are sold, every component value is offered and no unknown component is given, and a
 * trial is allowed. Returns the SKU.
 */
export function checkAgainstProduct(commodity: Commodity, product: MarketProduct): ProductSku {
  const sku = findSku(product, commodity.skuCode);
  if (!sku || sku.hidden) {
    const known = product.skus.filter((s) => !s.hidden).map((s) => s.code);
    throw badCommodity("Commodity", `The SKU ${commodity.skuCode} does not exist for product ${product.code}; use ${known.join(", ")}.`, E.MARKET_SKU_INVALID);
  }
  if (commodity.trial) {
    if (!sku.trialAllowed) throw badCommodity("Commodity", `The SKU ${sku.code} offers no trial.`, E.MARKET_TRIAL_NOT_ALLOWED);
  } else {
    const period = sku.periods.find((p) => p.cycle === commodity.pricingCycle);
    if (!period) {
      throw badCommodity("Commodity", `The SKU ${sku.code} is not sold by ${commodity.pricingCycle}; use ${sku.periods.map((p) => p.cycle).join(", ")}.`, E.MARKET_PERIOD_INVALID);
    }
    const maxDuration = 100;
    if ((period.durations.length && !period.durations.includes(commodity.duration)) || commodity.duration > maxDuration) {
      const allowed = period.durations.length ? period.durations.join(", ") : `1 to ${maxDuration}`;
      throw badCommodity("Commodity", `The duration ${commodity.duration} ${commodity.pricingCycle} is not sold; use ${allowed}.`, E.MARKET_PERIOD_INVALID);
    }
  }
  for (const [code, value] of Object.entries(commodity.components)) {
    const component = sku.components.find((c) => c.code === code);
    if (!component) throw badCommodity("Commodity", `The component ${code} does not exist for SKU ${sku.code}.`, E.MARKET_COMPONENTS_INVALID);
    if (!component.values.some((v) => v.value === value)) {
      throw badCommodity("Commodity", `The value ${value} of component ${code} is not offered; use ${component.values.map((v) => v.value).join(", ")}.`, E.MARKET_COMPONENTS_INVALID);
    }
  }
  return sku;
}

/** Price of the commodity: (period price + chosen component prices) x duration x quantity; trials are free. */
export function priceOf(commodity: Commodity, sku: ProductSku): OrderPrice {
  if (commodity.trial) return { originalPrice: 0, discountPrice: 0, tradePrice: 0 };
  const period = sku.periods.find((p) => p.cycle === commodity.pricingCycle);
  let perPeriod = period?.price ?? 0;
  for (const [code, value] of Object.entries(commodity.components)) {
    const chosen = sku.components.find((c) => c.code === code)?.values.find((v) => v.value === value);
    perPeriod += chosen?.pricePerPeriod?.[commodity.pricingCycle] ?? 0;
  }
  const total = round2(perPeriod * commodity.duration * commodity.quantity);
  return { originalPrice: total, discountPrice: 0, tradePrice: total };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** EndOn after `duration` periods from `from` (calendar months and years, UTC). */
export function addPeriods(from: Date, cycle: PricingCycle, duration: number): Date {
  const d = new Date(from.getTime());
  if (cycle === "Day") d.setUTCDate(d.getUTCDate() + duration);
  else if (cycle === "Month") d.setUTCMonth(d.getUTCMonth() + duration);
  else d.setUTCFullYear(d.getUTCFullYear() + duration);
  return d;
}
