import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import type { MarketUsageView, NativeClient } from "./native-client.ts";
import { printObject, printRows, type Column } from "./output.ts";
import type { RpcClient, RpcValue } from "./rpc-client.ts";
import { publishService } from "./service-publish.ts";

export const MARKET = { product: "Market", version: "2015-11-01" } as const;
const PRODUCT_FILES = ["product.yaml", "product.yml"] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface ProductPublishResult {
  ProductCode: string;
  Created: boolean;
  /** Set when the folder's ComputeNest.ServiceFolder was published first. */
  ServiceId?: string;
  ServiceVersion?: string;
}

/**
 * Publishes a product folder (product.yaml, examples/market-product): when `ComputeNest` names a
 * `ServiceFolder` (relative to the folder) instead of a ServiceId, that service folder is
 * published first (`nestbox services publish`, over the Compute Nest API) and its ServiceId
 * filled in; then the product goes to nestbox's own API, PUT /nestbox/v1/market/products/{code}
 * (the Marketplace has no API for suppliers to publish).
 */
export async function publishProductFolder(
  clients: { readonly rpc: RpcClient; readonly native: NativeClient },
  cwd: string,
  folder: string,
  regionId: string,
): Promise<ProductPublishResult> {
  const given = resolve(cwd, folder);
  if (!statSync(given, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${given} is not a folder.`);
  const dir = realpathSync(given);
  const name = PRODUCT_FILES.find((f) => existsSync(join(dir, f)));
  if (!name) throw new CliError(`No ${PRODUCT_FILES.join(" / ")} in ${given}.`);
  let document: unknown;
  try {
    document = parseYaml(readFileSync(join(dir, name), "utf8"));
  } catch (e) {
    throw new CliError(`${join(dir, name)} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (!isObject(document) || !isObject(document["Product"])) throw new CliError(`${join(dir, name)}: Product is required and must be a mapping.`);
  const product = { ...document["Product"] };
  const code = product["Code"];
  if (typeof code !== "string" || code === "") throw new CliError(`${join(dir, name)}: Product.Code is required.`);
  let published: { ServiceId: string; Version: string } | undefined;
  const delivery = product["ComputeNest"];
  if (isObject(delivery) && typeof delivery["ServiceFolder"] === "string") {
    const { ServiceFolder: serviceFolder, ...rest } = delivery;
    if (!rest["ServiceId"]) {
      const service = await publishService(clients.rpc, dir, serviceFolder as string, String(rest["RegionId"] ?? regionId));
      if (service.Status !== "Online") throw new CliError(`The service ${service.ServiceId} is ${service.Status}; ${service.Next ?? "launch it"} and publish again.`);
      published = { ServiceId: service.ServiceId, Version: service.Version };
      rest["ServiceId"] = service.ServiceId;
    }
    product["ComputeNest"] = rest;
  }
  const answer = await clients.native.publishMarketProduct(code, product);
  return { ProductCode: answer.code, Created: answer.created, ServiceId: published?.ServiceId, ServiceVersion: published?.Version };
}

interface InstanceItem {
  InstanceId?: number;
  ProductCode?: string;
  ProductSkuCode?: string;
  ProductType?: string;
  Status?: string;
  EndOn?: number;
}

const INSTANCE_COLUMNS: Column<InstanceItem>[] = [
  { header: "instanceId", value: (i) => i.InstanceId },
  { header: "productCode", value: (i) => i.ProductCode },
  { header: "sku", value: (i) => i.ProductSkuCode },
  { header: "type", value: (i) => i.ProductType },
  { header: "status", value: (i) => i.Status },
  { header: "endOn", value: (i) => (i.EndOn ? new Date(i.EndOn).toISOString() : "") },
];

type UsageItem = MarketUsageView["usages"][number];

const USAGE_COLUMNS: Column<UsageItem>[] = [
  { header: "period", value: (u) => u.periodStart },
  { header: "meteringItem", value: (u) => u.meteringItem },
  { header: "key", value: (u) => u.key },
  { header: "total", value: (u) => u.total },
  { header: "records", value: (u) => u.records },
];

interface CommodityOptions {
  sku?: string;
  package?: string;
  period?: string;
  duration?: string;
  trial?: boolean;
  hand?: boolean;
}

/**
 * `nestbox market ...`: products, orders and instances over the Market API (2015-11-01); publish,
 * pay and usage over nestbox's own API (/nestbox/v1/market), the Marketplace having none.
 */
export function addMarketCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const market = program.command("market").description("Marketplace products, orders, instances and metering.");
  const call = <T = Record<string, unknown>>(cmd: Command, action: string, params: Record<string, RpcValue>) => context(cmd).rpc().call<T>(MARKET, action, params);
  const show = (cmd: Command, data: Record<string, unknown>) => {
    const ctx = context(cmd);
    const { RequestId: _r, ...rest } = data;
    printObject(ctx.io, ctx.output, rest);
  };
  const order = (cmd: Command, orderType: string, commodity: Record<string, unknown>, opts: CommodityOptions) =>
    call(cmd, "CreateOrder", { OrderType: orderType, PaymentType: opts.hand ? "HAND" : "AUTO", ClientToken: randomUUID(), Commodity: JSON.stringify(commodity) });
  const periodOf = (opts: CommodityOptions) => ({ pricingCycle: opts.period ?? "Month", duration: Number(opts.duration ?? 1) });

  market
    .command("publish <folder>")
    .description("Publish the product in <folder> (product.yaml), and the Compute Nest service it names by ServiceFolder.")
    .option("--region <id>", "region of the service (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)")
    .action(async (folder: string, opts: { region?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const clients = { rpc: ctx.rpc(), native: ctx.native() };
      printObject(ctx.io, ctx.output, { ...(await publishProductFolder(clients, ctx.io.cwd, folder, ctx.region(opts.region))) });
    });

  market
    .command("product <code>")
    .description("Show one product (DescribeProduct).")
    .action(async (code: string, _opts: unknown, cmd: Command) => show(cmd, await call(cmd, "DescribeProduct", { Code: code })));

  market
    .command("buy <productCode>")
    .description("Buy a product (CreateOrder INSTANCE_BUY).")
    .requiredOption("--package <code>", "package_version, e.g. yuncode0001")
    .option("--sku <code>", "SKU code (default: <productCode>-prepay)")
    .option("--period <cycle>", "Day, Month or Year", "Month")
    .option("--duration <n>", "number of periods", "1")
    .option("--trial", "a free trial, if the SKU allows one")
    .option("--hand", "leave the order unpaid (PaymentType HAND); pay it with `market pay`")
    .action(async (productCode: string, opts: CommodityOptions, cmd: Command) => {
      const commodity = { productCode, skuCode: opts.sku ?? `${productCode}-prepay`, ...periodOf(opts), components: { package_version: opts.package }, ...(opts.trial ? { properties: { trial: true } } : {}) };
      show(cmd, await order(cmd, "INSTANCE_BUY", commodity, opts));
    });

  for (const [name, orderType] of [["renew", "INSTANCE_RENEW"], ["upgrade", "INSTANCE_UPGRADE"]] as const) {
    market
      .command(`${name} <instanceId>`)
      .description(`${name === "renew" ? "Renew" : "Change the package of"} an instance (CreateOrder ${orderType}).`)
      .option("--package <code>", "package_version (upgrade: the new one; renew: default the current one)")
      .option("--period <cycle>", "Day, Month or Year", "Month")
      .option("--duration <n>", "number of periods", "1")
      .option("--hand", "leave the order unpaid (PaymentType HAND)")
      .action(async (instanceId: string, opts: CommodityOptions, cmd: Command) => {
        const current = await call<{ ProductCode?: string; ProductSkuCode?: string; ComponentJson?: string }>(cmd, "DescribeInstance", { InstanceId: instanceId });
        const components = { ...(JSON.parse(current.ComponentJson || "{}") as Record<string, string>), ...(opts.package ? { package_version: opts.package } : {}) };
        if (name === "upgrade" && !opts.package) throw new CliError("--package is required for an upgrade.");
        const commodity = { productCode: current.ProductCode, skuCode: current.ProductSkuCode, instanceId, ...periodOf(opts), components };
        show(cmd, await order(cmd, orderType, commodity, opts));
      });
  }

  market
    .command("pay <orderId>")
    .description("Pay an unpaid (HAND) order.")
    .action(async (orderId: string, _opts: unknown, cmd: Command) => {
      const ctx = context(cmd);
      printObject(ctx.io, ctx.output, { ...(await ctx.native().payMarketOrder(orderId)) });
    });

  market
    .command("order <orderId>")
    .description("Show one order (DescribeOrder).")
    .action(async (orderId: string, _opts: unknown, cmd: Command) => show(cmd, await call(cmd, "DescribeOrder", { OrderId: orderId })));

  market
    .command("instance <instanceId>")
    .description("Show one instance (DescribeInstance).")
    .action(async (instanceId: string, _opts: unknown, cmd: Command) => show(cmd, await call(cmd, "DescribeInstance", { InstanceId: instanceId })));

  market
    .command("instances")
    .description("List your instances (DescribeInstances).")
    .option("--type <productType>", "APP, SERVICE, MIRROR, DOWNLOAD, API_SERVICE or DOCKER")
    .action(async (opts: { type?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const items: InstanceItem[] = [];
      for (let page = 1; ; page++) {
        const answer = await call<{ TotalCount?: number; InstanceItems?: { InstanceItem?: InstanceItem[] } }>(cmd, "DescribeInstances", { PageNumber: page, PageSize: 100, ProductType: opts.type });
        const got = answer.InstanceItems?.InstanceItem ?? [];
        items.push(...got);
        if (got.length < 100 || items.length >= (answer.TotalCount ?? 0)) break;
      }
      printRows(ctx.io, ctx.output, { InstanceItems: items }, items, INSTANCE_COLUMNS);
    });

  market
    .command("usage <instanceId>")
    .description("Metering usage of an instance per metering item and period.")
    .option("--period <period>", "Hour, Day or Month", "Day")
    .option("--from <time>", "start (ISO 8601 or Unix seconds)")
    .option("--to <time>", "end, exclusive (ISO 8601 or Unix seconds)")
    .action(async (instanceId: string, opts: { period: string; from?: string; to?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const answer = await ctx.native().marketUsage(instanceId, { period: opts.period, from: isoTime(opts.from, "--from"), to: isoTime(opts.to, "--to") });
      printRows(ctx.io, ctx.output, answer, answer.usages, USAGE_COLUMNS);
    });
}

/** ISO 8601 UTC for the native API, from ISO 8601 (any form Date reads) or Unix seconds. */
function isoTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(/^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value));
  if (Number.isNaN(time.getTime())) throw new CliError(`${flag} must be an ISO 8601 time or Unix seconds, got "${value}".`);
  return time.toISOString();
}

