import { DomainError } from "../shared/domain-error.ts";
import { MarketErrorCodes as E } from "./market-errors.ts";
import {
  CHARGE_TYPES,
  PACKAGE_VERSION,
  PRICING_CYCLES,
  PRODUCT_TYPES,
  type AppOutputNames,
  type ComputeNestDelivery,
  type MarketProduct,
  type OrderPeriod,
  type PricingCycle,
  type ProductSku,
  type SkuComponent,
} from "./product.ts";

/** A product as the supplier describes it, before the store adds owner and times. */
export type ProductDefinition = Omit<MarketProduct, "supplierAccountId" | "createdAt" | "updatedAt">;

const CODE = /^[a-z][a-z0-9_-]{2,63}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads a product document: the `Product` mapping of a product folder's product.yaml (in the
 * vendor's PascalCase words, examples/market-product/product.yaml), sent as JSON. Every rule
 * broken is MARKET_PRODUCT_INVALID naming the field path. Pure.
 */
export function parseProductDocument(document: unknown): ProductDefinition {
  const root = isObject(document) && isObject(document["Product"]) ? document["Product"] : document;
  const p = new Reader(root, "Product");
  const code = p.string("Code", { pattern: CODE, hint: "lower-case letters, digits, - and _, 3 to 64 characters" });
  const type = p.oneOf("Type", PRODUCT_TYPES);
  const skus = p.list("Skus", (sku) => readSku(sku, code), { min: 1 });
  const seen = new Set<string>();
  for (const sku of skus) {
    if (seen.has(sku.code)) throw invalid(`Product.Skus`, `lists the SKU ${sku.code} twice.`);
    seen.add(sku.code);
  }
  const computeNest = p.optionalObject("ComputeNest", (r) => readComputeNest(r, skus));
  if (computeNest && type !== "SERVICE" && type !== "APP") throw invalid("Product.ComputeNest", "is only for SERVICE and APP products.");
  return {
    code,
    name: p.string("Name"),
    type,
    supplierName: p.optionalString("SupplierName") ?? "",
    shortDescription: p.optionalString("ShortDescription") ?? "",
    description: p.optionalString("Description") ?? "",
    skus,
    gracePeriodDays: p.optionalNumber("GracePeriodDays", { min: 0, max: 365, integer: true }) ?? 7,
    licenseDelivery: p.optionalBoolean("LicenseDelivery") ?? false,
    meteringItems: p.optionalList("MeteringItems", (r) => r.self(), {}) ?? [],
    computeNest,
    appOutputs: p.optionalObject("AppOutputs", readAppOutputs),
  };
}

function readSku(r: Reader, productCode: string): ProductSku {
  const chargeType = r.oneOf("ChargeType", CHARGE_TYPES);
  const code = r.optionalString("Code") ?? `${productCode}-${chargeType === "PREPAY" ? "prepay" : "postpay"}`;
  const periods = r.list("OrderPeriods", readPeriod, { min: 1 });
  const components = r.list("Components", readComponent, { min: 1 });
  if (!components.some((c) => c.code === PACKAGE_VERSION)) throw invalid(`${r.path}.Components`, `must include ${PACKAGE_VERSION}.`);
  const trial = r.optionalObject("Trial", (t) => ({ allowed: t.optionalBoolean("Allowed") ?? false, days: t.optionalNumber("Days", { min: 1, max: 365, integer: true }) ?? 7 }));
  return {
    code,
    name: r.optionalString("Name") ?? code,
    chargeType,
    hidden: r.optionalBoolean("Hidden") ?? false,
    periods,
    components,
    trialAllowed: trial?.allowed ?? false,
    trialDays: trial?.days ?? 0,
  };
}

function readPeriod(r: Reader): OrderPeriod {
  return {
    cycle: r.oneOf("PricingCycle", PRICING_CYCLES),
    durations: r.optionalList("Durations", (d) => d.selfNumber({ min: 1, max: 100, integer: true }), {}) ?? [],
    price: r.number("Price", { min: 0 }),
  };
}

function readComponent(r: Reader): SkuComponent {
  return {
    code: r.string("Code"),
    name: r.optionalString("Name") ?? "",
    values: r.list(
      "Values",
      (v) => {
        const prices = v.optionalObject("PricePerPeriod", (pp) => {
          const out: Partial<Record<PricingCycle, number>> = {};
          for (const cycle of PRICING_CYCLES) {
            const n = pp.optionalNumber(cycle, { min: 0 });
            if (n !== undefined) out[cycle] = n;
          }
          return out;
        });
        return { value: v.string("Value"), name: v.optionalString("Name") ?? "", ...(prices ? { pricePerPeriod: prices } : {}) };
      },
      { min: 1 },
    ),
  };
}

function readComputeNest(r: Reader, skus: readonly ProductSku[]): ComputeNestDelivery {
  const specifications = r.list(
    "Specifications",
    (s) => ({ specificationCode: s.string("SpecificationCode"), templateName: s.optionalString("TemplateName") ?? "Default", specificationName: s.optionalString("SpecificationName") }),
    { min: 1 },
  );
  const offered = new Set(skus.flatMap((s) => s.components.filter((c) => c.code === PACKAGE_VERSION).flatMap((c) => c.values.map((v) => v.value))));
  for (const s of specifications) {
    if (!offered.has(s.specificationCode)) throw invalid(`${r.path}.Specifications`, `maps ${s.specificationCode}, which no SKU offers as ${PACKAGE_VERSION}.`);
  }
  for (const code of offered) {
    if (!specifications.some((s) => s.specificationCode === code)) throw invalid(`${r.path}.Specifications`, `does not map the ${PACKAGE_VERSION} ${code}.`);
  }
  return {
    serviceId: r.string("ServiceId"),
    serviceVersion: r.optionalString("ServiceVersion"),
    regionId: r.optionalString("RegionId") ?? "cn-hangzhou",
    specifications,
  };
}

function readAppOutputs(r: Reader): AppOutputNames {
  return {
    frontEndUrl: r.optionalString("FrontEndUrl"),
    adminUrl: r.optionalString("AdminUrl"),
    username: r.optionalString("Username"),
    password: r.optionalString("Password"),
  };
}

const invalid = (path: string, message: string) =>
  new DomainError("InvalidArgument", E.MARKET_PRODUCT_INVALID, `${path} ${message}`, { parameter: "Product" });

/** Typed access to one mapping of the document, naming the path in every error. */
class Reader {
  constructor(
    private readonly value: unknown,
    readonly path: string,
  ) {}

  private field(name: string): unknown {
    if (!isObject(this.value)) throw invalid(this.path, "must be a mapping.");
    return this.value[name];
  }

  self(): string {
    if (typeof this.value !== "string" || this.value === "") throw invalid(this.path, "must be a non-empty string.");
    return this.value;
  }

  selfNumber(rule: NumberRule): number {
    return checkNumber(this.value, this.path, rule);
  }

  string(name: string, rule: { pattern?: RegExp; hint?: string } = {}): string {
    const v = this.optionalString(name);
    if (v === undefined) throw invalid(`${this.path}.${name}`, "is required.");
    if (rule.pattern && !rule.pattern.test(v)) throw invalid(`${this.path}.${name}`, `is not valid (${rule.hint ?? rule.pattern.source}).`);
    return v;
  }

  optionalString(name: string): string | undefined {
    const v = this.field(name);
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") throw invalid(`${this.path}.${name}`, "must be a string.");
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const v = this.string(name);
    if (!(allowed as readonly string[]).includes(v)) throw invalid(`${this.path}.${name}`, `must be one of ${allowed.join(", ")}.`);
    return v as T;
  }

  number(name: string, rule: NumberRule = {}): number {
    const v = this.optionalNumber(name, rule);
    if (v === undefined) throw invalid(`${this.path}.${name}`, "is required.");
    return v;
  }

  optionalNumber(name: string, rule: NumberRule = {}): number | undefined {
    const v = this.field(name);
    if (v === undefined || v === null) return undefined;
    return checkNumber(v, `${this.path}.${name}`, rule);
  }

  optionalBoolean(name: string): boolean | undefined {
    const v = this.field(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") throw invalid(`${this.path}.${name}`, "must be true or false.");
    return v;
  }

  list<T>(name: string, read: (r: Reader) => T, rule: { min?: number }): T[] {
    const v = this.optionalList(name, read, rule);
    if (v === undefined) throw invalid(`${this.path}.${name}`, "is required.");
    return v;
  }

  optionalList<T>(name: string, read: (r: Reader) => T, rule: { min?: number }): T[] | undefined {
    const v = this.field(name);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw invalid(`${this.path}.${name}`, "must be a list.");
    if (rule.min && v.length < rule.min) throw invalid(`${this.path}.${name}`, `must have at least ${rule.min} item(s).`);
    return v.map((item, i) => read(new Reader(item, `${this.path}.${name}[${i}]`)));
  }

  optionalObject<T>(name: string, read: (r: Reader) => T): T | undefined {
    const v = this.field(name);
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw invalid(`${this.path}.${name}`, "must be a mapping.");
    return read(new Reader(v, `${this.path}.${name}`));
  }
}

interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

function checkNumber(v: unknown, path: string, rule: NumberRule): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(path, "must be a number.");
  if (rule.integer && !Number.isInteger(v)) throw invalid(path, "must be a whole number.");
  if (rule.min !== undefined && v < rule.min) throw invalid(path, `must be at least ${rule.min}.`);
  if (rule.max !== undefined && v > rule.max) throw invalid(path, `must be at most ${rule.max}.`);
  return v;
}
