import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { MarketDeps } from "./market-deps.ts";
import { marketInstanceNotFound, MarketErrorCodes as E } from "./market-errors.ts";
import type { MeteringRecord, MeteringUsage } from "./market-instance.ts";

/** Metering keys of ALIBABA.md 5.5. */
export const METERING_KEYS = [
  "Frequency", "Period", "PeriodMin", "Storage", "NetworkOut", "NetworkIn", "Character", "DailyActiveUser",
  "VirtualCpu", "Unit", "Memory", "KTokens", "Suit", "StorageGigaByte",
] as const;

export const USAGE_PERIODS = ["Hour", "Day", "Month"] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

const MAX_RECORDS = 100;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const bad = (path: string, message: string) => new DomainError("InvalidArgument", E.MARKET_METERING_INVALID, `${path} ${message}`, { parameter: "Metering" });

/**
 * PushMeteringData (ALIBABA.md 5.5) and reading usage back. The supplier pushes usage of its
 * customers' instances; the whole push is checked before any record is stored, so a malformed
 * entry stores nothing and the error names it (Metering[i].Entities[j].Value ...).
 */
export class MarketMetering {
  constructor(private readonly deps: MarketDeps) {}

  async push(caller: Principal, meteringText: string | undefined): Promise<number> {
    if (!meteringText) throw bad("Metering", "is mandatory for this action.");
    let raw: unknown;
    try {
      raw = JSON.parse(meteringText);
    } catch {
      throw bad("Metering", "is not valid JSON.");
    }
    const entries = Array.isArray(raw) ? raw : [raw];
    if (entries.length === 0 || entries.length > MAX_RECORDS) throw bad("Metering", `must hold 1 to ${MAX_RECORDS} records.`);
    const now = this.deps.clock.now();
    const records: MeteringRecord[] = [];
    for (const [i, entry] of entries.entries()) {
      const path = `Metering[${i}]`;
      if (!isObject(entry)) throw bad(path, "must be an object.");
      const instanceId = String(entry["InstanceId"] ?? "");
      if (!/^\d{1,16}$/.test(instanceId)) throw bad(`${path}.InstanceId`, "must be a Marketplace instance id.");
      const instance = await this.deps.repository.getInstance(instanceId);
      if (!instance || instance.supplierAccountId !== caller.accountId) throw bad(`${path}.InstanceId`, `${instanceId} is not an instance of your products.`);
      const product = await this.deps.repository.getProduct(instance.productCode);
      const start = seconds(entry["StartTime"], `${path}.StartTime`);
      const end = seconds(entry["EndTime"], `${path}.EndTime`);
      if (end < start) throw bad(`${path}.EndTime`, "must not be before StartTime.");
      const serialNo = entry["SerialNo"] === undefined ? undefined : String(entry["SerialNo"]);
      const entities = entry["Entities"];
      if (!Array.isArray(entities) || entities.length === 0) throw bad(`${path}.Entities`, "must be a non-empty list.");
      for (const [j, entity] of entities.entries()) {
        const epath = `${path}.Entities[${j}]`;
        if (!isObject(entity)) throw bad(epath, "must be an object.");
        const key = entity["Key"];
        if (typeof key !== "string" || !(METERING_KEYS as readonly string[]).includes(key)) throw bad(`${epath}.Key`, `must be one of ${METERING_KEYS.join(", ")}.`);
        const value = typeof entity["Value"] === "string" && /^\d+$/.test(entity["Value"]) ? Number(entity["Value"]) : entity["Value"];
        if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw bad(`${epath}.Value`, "must be a whole number of at least 0.");
        const item = entity["meteringAssit"] === undefined || entity["meteringAssit"] === "" ? key : String(entity["meteringAssit"]);
        if (product?.meteringItems.length && item !== key && !product.meteringItems.includes(item)) {
          throw bad(`${epath}.meteringAssit`, `${item} is not a metering item of product ${instance.productCode}.`);
        }
        records.push({ instanceId, supplierAccountId: caller.accountId, item, key, value, startTime: start, endTime: end, serialNo, pushedAt: now });
      }
    }
    await this.deps.repository.addMetering(records);
    this.deps.log.info({ records: records.length, supplierAccountId: caller.accountId }, "Stored MeteringData");
    return records.length;
  }

  /** Usage of one instance per metering item and period (UTC), for its buyer or supplier. */
  async usage(caller: Principal, instanceId: string, range: { from: Date; to: Date; period: UsagePeriod }): Promise<MeteringUsage[]> {
    const instance = /^\d{1,16}$/.test(instanceId) ? await this.deps.repository.getInstance(instanceId) : undefined;
    if (!instance || (instance.accountId !== caller.accountId && instance.supplierAccountId !== caller.accountId)) throw marketInstanceNotFound(instanceId);
    const sums = new Map<string, MeteringUsage>();
    for (const r of await this.deps.repository.listMetering(instanceId, range.from, range.to)) {
      const periodStart = truncate(r.startTime, range.period);
      const k = `${r.item}|${r.key}|${periodStart.getTime()}`;
      const cur = sums.get(k);
      sums.set(k, { instanceId, item: r.item, key: r.key, periodStart, total: (cur?.total ?? 0) + r.value, records: (cur?.records ?? 0) + 1 });
    }
    return [...sums.values()].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime() || a.item.localeCompare(b.item));
  }
}

function seconds(v: unknown, path: string): Date {
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw bad(path, "must be a Unix time in seconds.");
  return new Date(n * 1000);
}

function truncate(d: Date, period: UsagePeriod): Date {
  if (period === "Hour") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
  if (period === "Day") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}
