import type { Command } from "commander";
import type { CliContext } from "./cli-context.ts";
import { printObject, printRows, type Column } from "./output.ts";
import { COMPUTE_NEST_SUPPLIER } from "./rpc-client.ts";
import { launchVersion, publishService } from "./service-publish.ts";

interface ServiceItem {
  ServiceId?: string;
  Version?: string;
  VersionName?: string;
  Status?: string;
  DefaultVersion?: boolean;
  DeployType?: string;
  ServiceInfos?: { Name?: string; Locale?: string }[];
  UpdateTime?: string;
}

const SERVICE_COLUMNS: Column<ServiceItem>[] = [
  { header: "serviceId", value: (s) => s.ServiceId },
  { header: "version", value: (s) => s.Version },
  { header: "name", value: (s) => s.ServiceInfos?.[0]?.Name },
  { header: "status", value: (s) => s.Status },
  { header: "default", value: (s) => (s.DefaultVersion ? "yes" : "") },
  { header: "deployType", value: (s) => s.DeployType },
  { header: "updateTime", value: (s) => s.UpdateTime },
];

/** `nestbox services ...`: the supplier's catalog over the Compute Nest supplier API (2021-05-21). */
export function addServiceCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const services = program.command("services").description("Publish and inspect services (supplier side).");

  services
    .command("publish <folder>")
    .description("Create or update the service in <folder> (service.yaml + template), register and launch it.")
    .option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)")
    .action(async (folder: string, opts: { region?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const result = await publishService(ctx.rpc(), ctx.io.cwd, folder, ctx.region(opts.region));
      printObject(ctx.io, ctx.output, { ...result });
    });

  services
    .command("list")
    .description("List your services (default versions, or every version with --all-versions).")
    .option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)")
    .option("--all-versions", "list every version, the draft included")
    .action(async (opts: { region?: string; allVersions?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const items: ServiceItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await ctx.rpc().call<{ Services?: ServiceItem[]; NextToken?: string }>(COMPUTE_NEST_SUPPLIER, "ListServices", {
          RegionId: ctx.region(opts.region),
          AllVersions: opts.allVersions ? true : undefined,
          MaxResults: 100,
          NextToken: nextToken,
        });
        items.push(...(page.Services ?? []));
        nextToken = page.NextToken || undefined;
      } while (nextToken);
      printRows(ctx.io, ctx.output, { Services: items }, items, SERVICE_COLUMNS);
    });

  services
    .command("get <serviceId>")
    .description("Show one service version (default: the default version).")
    .option("--version <version>", "service version, e.g. 1 or draft")
    .option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)")
    .action(async (serviceId: string, opts: { version?: string; region?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const { RequestId: _requestId, ...service } = await ctx.rpc().call<Record<string, unknown>>(COMPUTE_NEST_SUPPLIER, "GetService", {
        RegionId: ctx.region(opts.region),
        ServiceId: serviceId,
        ServiceVersion: opts.version,
      });
      printObject(ctx.io, ctx.output, service);
    });

  services
    .command("launch <serviceId> <version>")
    .description("Put an approved (or withdrawn) service version Online.")
    .option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)")
    .action(async (serviceId: string, version: string, opts: { region?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const launched = await launchVersion(ctx.rpc(), ctx.region(opts.region), serviceId, version);
      printObject(ctx.io, ctx.output, { ServiceId: serviceId, Version: launched, Status: "Online" });
    });

  services
    .command("approve <serviceId> <version>")
    .description("Approve a registered service version (operator; NESTBOX_REVIEW_MODE=manual).")
    .action(async (serviceId: string, version: string, _opts: object, cmd: Command) => {
      const ctx = context(cmd);
      printObject(ctx.io, ctx.output, { ...(await ctx.native().approveRegistration(serviceId, version)) });
    });
}
