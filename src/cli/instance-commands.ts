import type { Command } from "commander";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { printObject, printRows, type Column } from "./output.ts";
import { COMPUTE_NEST, type RpcValue } from "./rpc-client.ts";

interface InstanceItem {
  ServiceInstanceId?: string;
  Name?: string;
  Status?: string;
  Progress?: number;
  StatusDetail?: string;
  Service?: { ServiceId?: string; Version?: string };
  CreateTime?: string;
}

const INSTANCE_COLUMNS: Column<InstanceItem>[] = [
  { header: "serviceInstanceId", value: (i) => i.ServiceInstanceId },
  { header: "name", value: (i) => i.Name },
  { header: "status", value: (i) => i.Status },
  { header: "progress", value: (i) => (i.Progress === undefined ? "" : `${i.Progress}%`) },
  { header: "serviceId", value: (i) => i.Service?.ServiceId },
  { header: "version", value: (i) => i.Service?.Version },
  { header: "createTime", value: (i) => i.CreateTime },
];

/** Statuses in which an operation is still running (ALIBABA.md 3.14). */
const IN_PROGRESS = new Set(["Created", "Deploying", "Upgrading", "UpgradeRollbacking", "Stopping", "Starting", "Restarting", "Deleting"]);

/** `nestbox instances ...`: service instances over the Compute Nest user API (2021-06-01). */
export function addInstanceCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const instances = program.command("instances").description("Deploy and operate service instances (user side).");
  const region = (c: Command) => c.option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)");

  region(
    instances
      .command("create <serviceId>")
      .description("Create a service instance and deploy it.")
      .option("--name <name>", "instance name")
      .option("--version <v>", "service version (default: the service's default version)")
      .option("--template <name>", "template name (when the service has several)")
      .option("--specification <name>", "package (PredefinedParameters name)")
      .option("-p, --parameter <key=value...>", "template parameter, repeatable")
      .option("--client-token <token>", "idempotency token")
      .option("--dry-run", "validate only")
      .option("--watch", "follow the deployment until it ends"),
  ).action(async (serviceId: string, opts: CreateOptions, cmd: Command) => {
    const ctx = context(cmd);
    const r = await ctx.rpc().call<{ ServiceInstanceId?: string; Status?: string }>(COMPUTE_NEST, "CreateServiceInstance", {
      RegionId: ctx.region(opts.region),
      ServiceId: serviceId,
      ServiceVersion: opts.version,
      TemplateName: opts.template,
      SpecificationName: opts.specification,
      Name: opts.name,
      Parameters: opts.parameter ? JSON.stringify(parseParameters(opts.parameter)) : undefined,
      ClientToken: opts.clientToken,
      DryRun: opts.dryRun ? true : undefined,
    });
    if (opts.watch && r.ServiceInstanceId) return watch(ctx, r.ServiceInstanceId, ctx.region(opts.region));
    printObject(ctx.io, ctx.output, { ...r });
  });

  region(instances.command("get <serviceInstanceId>").description("Show one service instance.")).action(
    async (id: string, opts: { region?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await getInstance(ctx, id, ctx.region(opts.region));
      printObject(ctx.io, ctx.output, r);
    },
  );

  region(instances.command("list").description("List your service instances.").option("--status <s...>", "only these statuses")).action(
    async (opts: { region?: string; status?: string[] }, cmd: Command) => {
      const ctx = context(cmd);
      const items: InstanceItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await ctx.rpc().call<{ ServiceInstances?: InstanceItem[]; NextToken?: string }>(COMPUTE_NEST, "ListServiceInstances", {
          RegionId: ctx.region(opts.region),
          MaxResults: 100,
          NextToken: nextToken,
          Filter: opts.status ? [{ Name: "Status", Value: opts.status }] : undefined,
        });
        items.push(...(page.ServiceInstances ?? []));
        nextToken = page.NextToken || undefined;
      } while (nextToken);
      printRows(ctx.io, ctx.output, { ServiceInstances: items }, items, INSTANCE_COLUMNS);
    },
  );

  region(instances.command("delete <serviceInstanceId...>").description("Delete service instances.").option("--watch", "wait until they are gone")).action(
    async (ids: string[], opts: { region?: string; watch?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const regionId = ctx.region(opts.region);
      await ctx.rpc().call(COMPUTE_NEST, "DeleteServiceInstances", { RegionId: regionId, ServiceInstanceId: ids });
      if (opts.watch) for (const id of ids) await watch(ctx, id, regionId);
      else printObject(ctx.io, ctx.output, { deleting: ids.join(",") });
    },
  );

  region(
    instances
      .command("upgrade <serviceInstanceId> <version>")
      .description("Upgrade a service instance to another published version.")
      .option("-p, --parameter <key=value...>", "parameter the new version requires, repeatable")
      .option("--dry-run", "only list the parameters the upgrade requires")
      .option("--watch", "follow the upgrade until it ends"),
  ).action(async (id: string, version: string, opts: { region?: string; parameter?: string[]; dryRun?: boolean; watch?: boolean }, cmd: Command) => {
    const ctx = context(cmd);
    const regionId = ctx.region(opts.region);
    const r = await ctx.rpc().call<Record<string, unknown>>(COMPUTE_NEST, "UpgradeServiceInstance", {
      RegionId: regionId,
      ServiceInstanceId: id,
      ServiceVersion: version,
      Parameters: opts.parameter ? JSON.stringify(parseParameters(opts.parameter)) : undefined,
      DryRun: opts.dryRun ? "true" : undefined,
    });
    if (opts.watch && !opts.dryRun) return watch(ctx, id, regionId);
    printObject(ctx.io, ctx.output, r);
  });

  region(
    instances
      .command("logs <serviceInstanceId>")
      .description("Lifecycle events (default) or the replicas' output (--application).")
      .option("--application", "the replicas' output instead of lifecycle events")
      .option("--limit <n>", "how many entries", "50"),
  ).action(async (id: string, opts: { region?: string; application?: boolean; limit: string }, cmd: Command) => {
    const ctx = context(cmd);
    const r = await ctx.rpc().call<{ ServiceInstancesLogs?: { Timestamp?: string; Status?: string; Content?: string; ResourceId?: string }[] }>(
      COMPUTE_NEST,
      "ListServiceInstanceLogs",
      { RegionId: ctx.region(opts.region), ServiceInstanceId: id, LogSource: opts.application ? "application" : "computeNest", MaxResults: Number(opts.limit), SortOrder: "Ascending" },
    );
    const rows = r.ServiceInstancesLogs ?? [];
    printRows(ctx.io, ctx.output, r, rows, [
      { header: "timestamp", value: (l) => l.Timestamp },
      { header: "status", value: (l) => l.Status ?? l.ResourceId },
      { header: "content", value: (l) => l.Content },
    ]);
  });
}

interface CreateOptions {
  region?: string;
  name?: string;
  version?: string;
  template?: string;
  specification?: string;
  parameter?: string[];
  clientToken?: string;
  dryRun?: boolean;
  watch?: boolean;
}

/** `-p Replicas=3 -p Greeting=hi`: values that read as JSON (numbers, booleans) keep their type. */
export function parseParameters(pairs: readonly string[]): Record<string, RpcValue> {
  const out: Record<string, RpcValue> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`Parameter "${pair}" is not key=value.`);
    const raw = pair.slice(eq + 1);
    let value: RpcValue = raw;
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed !== "string") value = parsed as RpcValue;
    } catch {
      value = raw;
    }
    out[pair.slice(0, eq)] = value;
  }
  return out;
}

async function getInstance(ctx: CliContext, id: string, regionId: string): Promise<Record<string, unknown>> {
  return ctx.rpc().call<Record<string, unknown>>(COMPUTE_NEST, "GetServiceInstance", { RegionId: regionId, ServiceInstanceId: id });
}

/** Polls until the instance leaves every in-progress status, drawing a bar on stderr; gone = deleted. */
async function watch(ctx: CliContext, id: string, regionId: string): Promise<void> {
  let last = "";
  for (;;) {
    let r: Record<string, unknown>;
    try {
      r = await getInstance(ctx, id, regionId);
    } catch (e) {
      if ((e as { code?: string }).code === "ServiceInstanceNotFound") {
        ctx.io.stderr(`\n${id} deleted\n`);
        printObject(ctx.io, ctx.output, { ServiceInstanceId: id, Status: "Deleted" });
        return;
      }
      throw e;
    }
    const status = String(r.Status ?? "");
    const progress = Math.max(0, Math.min(100, Number(r.Progress ?? 0)));
    const bar = "#".repeat(Math.round(progress / 5)).padEnd(20, ".");
    const line = `${id} [${bar}] ${String(progress).padStart(3)}% ${status} ${String(r.StatusDetail ?? "")}`;
    if (line !== last) ctx.io.stderr(`\r${line}`);
    last = line;
    if (!IN_PROGRESS.has(status)) {
      ctx.io.stderr("\n");
      printObject(ctx.io, ctx.output, r);
      if (/Failed$/.test(status)) throw new CliError(`${id} ended ${status}: ${String(r.StatusDetail ?? "")}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
