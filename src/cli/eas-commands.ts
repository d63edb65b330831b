import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { percentEncode, signAcs3 } from "./acs3-signer.ts";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { sendRequest } from "./http-request.ts";
import { printObject, printRows, type Column } from "./output.ts";
import { RpcApiError } from "./rpc-client.ts";

type Query = Record<string, string | number | boolean | undefined>;

/**
 * One PAI-EAS (2021-07-01, ROA) call as the official SDK makes it: method and path of its
 * client.ts, query values as text, a JSON body, ACS3 signature with x-acs-action/-version.
 */
async function easCall<T = Record<string, any>>(ctx: CliContext, action: string, method: string, path: string, query: Query = {}, body?: unknown): Promise<T> {
  const { endpoint, accessKeyId, accessKeySecret } = ctx.credentials();
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = String(v);
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const signed = signAcs3(
    {
      method,
      host: endpoint.host,
      path,
      query: q,
      headers: { "x-acs-action": action, "x-acs-version": "2021-07-01", ...(text !== undefined ? { "content-type": "application/json; charset=utf-8" } : {}) },
      ...(text !== undefined ? { body: text } : {}),
    },
    { accessKeyId, accessKeySecret },
  );
  const response = await sendRequest(endpoint, method, signed.pathAndQuery, signed.headers, signed.body);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    throw new CliError(`${action} answered HTTP ${response.status} with a body that is not JSON.`);
  }
  if (response.status >= 400) {
    throw new RpcApiError(response.status, String(parsed.Code ?? `HTTP_${response.status}`), String(parsed.Message ?? "The request failed."), String(parsed.RequestId ?? ""));
  }
  return parsed as T;
}

const servicePath = (region: string, name: string, suffix = "") => `/api/v2/services/${percentEncode(region)}/${percentEncode(name)}${suffix}`;

const SERVICE_COLUMNS: Column<Record<string, any>>[] = [
  { header: "name", value: (s) => s.ServiceName },
  { header: "status", value: (s) => s.Status },
  { header: "instances", value: (s) => `${s.RunningInstance}/${s.TotalInstance}` },
  { header: "version", value: (s) => `${s.CurrentVersion}/${s.LatestVersion}` },
  { header: "region", value: (s) => s.Region },
  { header: "createTime", value: (s) => s.CreateTime },
];

const INSTANCE_COLUMNS: Column<Record<string, any>>[] = [
  { header: "name", value: (i) => i.InstanceName },
  { header: "status", value: (i) => i.Status },
  { header: "ready", value: (i) => `${i.ReadyProcesses}/${i.TotalProcesses}` },
  { header: "restarts", value: (i) => i.RestartCount },
  { header: "address", value: (i) => `${i.InnerIP}:${i.InstancePort}` },
  { header: "isolated", value: (i) => i.Isolated },
  { header: "startTime", value: (i) => i.StartTime },
];

function readSpec(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON: a service spec is a JSON document.`);
  }
  return text;
}

const labelsOf = (pairs: readonly string[] | undefined) => {
  if (!pairs?.length) return undefined;
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0) throw new CliError(`--label ${p} must be key=value.`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
};

/** `nestbox eas services ...` and `nestbox eas instances ...`: PAI-EAS over its own API. */
export function addEasCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const eas = program.command("eas").description("PAI-EAS model services (eas 2021-07-01).");
  const region = (c: Command) => c.option("--region <id>", "region (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)");
  const services = eas.command("services").description("Create and operate EAS services.");
  const instances = eas.command("instances").description("The instances of an EAS service.");
  type R = { region?: string };

  region(services.command("create").description("Create a service from a JSON spec.").requiredOption("-f, --file <spec.json>", "service spec").option("-l, --label <key=value...>", "label, repeatable")).action(
    async (opts: R & { file: string; label?: string[] }, cmd: Command) => {
      const ctx = context(cmd);
      const labels = labelsOf(opts.label);
      const r = await easCall(ctx, "CreateService", "POST", "/api/v2/services", labels ? { Labels: JSON.stringify(labels) } : {}, readSpec(opts.file));
      printObject(ctx.io, ctx.output, r);
    },
  );

  region(services.command("list").description("List services.").option("--filter <text>", "part of the name").option("--status <status>", "service status").option("--page <n>", "page number").option("--page-size <n>", "page size")).action(
    async (opts: R & { filter?: string; status?: string; page?: string; pageSize?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "ListServices", "GET", "/api/v2/services", { Filter: opts.filter, ServiceStatus: opts.status, PageNumber: opts.page, PageSize: opts.pageSize });
      printRows(ctx.io, ctx.output, r, r.Services ?? [], SERVICE_COLUMNS);
    },
  );

  region(services.command("describe <name>").description("Show a service.")).action(async (name: string, opts: R, cmd: Command) => {
    const ctx = context(cmd);
    printObject(ctx.io, ctx.output, await easCall(ctx, "DescribeService", "GET", servicePath(ctx.region(opts.region), name)));
  });

  region(services.command("update <name>").description("Update a service with a (partial) JSON spec.").requiredOption("-f, --file <spec.json>", "spec").option("--replace", "replace the spec instead of merging")).action(
    async (name: string, opts: R & { file: string; replace?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "UpdateService", "PUT", servicePath(ctx.region(opts.region), name), { UpdateType: opts.replace ? "replace" : undefined }, readSpec(opts.file));
      printObject(ctx.io, ctx.output, r);
    },
  );

  region(services.command("scale <name> <instances>").description("Set the number of instances.").option("--delete <instance...>", "instances to remove first")).action(
    async (name: string, count: string, opts: R & { delete?: string[] }, cmd: Command) => {
      const ctx = context(cmd);
      if (!/^\d+$/.test(count)) throw new CliError(`<instances> must be a whole number, got "${count}".`);
      const r = await easCall(ctx, "ScaleService", "PUT", servicePath(ctx.region(opts.region), name, "/scale"), {}, { Instance: Number(count), ...(opts.delete ? { InstancesToDelete: opts.delete } : {}) });
      printObject(ctx.io, ctx.output, r);
    },
  );

  for (const [verb, action] of [["start", "StartService"], ["stop", "StopService"], ["restart", "RestartService"]] as const) {
    region(services.command(`${verb} <name>`).description(`${verb[0]!.toUpperCase()}${verb.slice(1)} a service.`)).action(async (name: string, opts: R, cmd: Command) => {
      const ctx = context(cmd);
      printObject(ctx.io, ctx.output, await easCall(ctx, action, "PUT", servicePath(ctx.region(opts.region), name, `/${verb}`)));
    });
  }

  region(services.command("delete <name>").description("Delete a service and its instances.")).action(async (name: string, opts: R, cmd: Command) => {
    const ctx = context(cmd);
    printObject(ctx.io, ctx.output, await easCall(ctx, "DeleteService", "DELETE", servicePath(ctx.region(opts.region), name)));
  });

  region(services.command("logs <name>").description("Show the instances' output.").option("--instance <name>", "one instance").option("--keyword <text>", "only lines with it").option("--page-size <n>", "lines (default 500)")).action(
    async (name: string, opts: R & { instance?: string; keyword?: string; pageSize?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "DescribeServiceLog", "GET", servicePath(ctx.region(opts.region), name, "/logs"), { InstanceName: opts.instance, Keyword: opts.keyword, PageSize: opts.pageSize });
      if (ctx.output === "json") printObject(ctx.io, "json", r);
      else ctx.io.stdout((r.Logs as string[]).map((l) => `${l}\n`).join(""));
    },
  );

  region(services.command("events <name>").description("Show the service's events.")).action(async (name: string, opts: R, cmd: Command) => {
    const ctx = context(cmd);
    const r = await easCall(ctx, "DescribeServiceEvent", "GET", servicePath(ctx.region(opts.region), name, "/events"));
    printRows(ctx.io, ctx.output, r, r.Events ?? [], [
      { header: "time", value: (e: any) => e.Time },
      { header: "type", value: (e: any) => e.Type },
      { header: "reason", value: (e: any) => e.Reason },
      { header: "resource", value: (e: any) => e.Resource },
      { header: "message", value: (e: any) => e.Message },
    ]);
  });

  region(instances.command("list <service>").description("List a service's instances.").option("--status <status>", "instance status").option("--filter <text>", "name, IP or type")).action(
    async (service: string, opts: R & { status?: string; filter?: string }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "ListServiceInstances", "GET", servicePath(ctx.region(opts.region), service, "/instances"), { InstanceStatus: opts.status, Filter: opts.filter });
      printRows(ctx.io, ctx.output, r, r.Instances ?? [], INSTANCE_COLUMNS);
    },
  );

  region(instances.command("restart <service> <instance...>").description("Recreate instances (or restart their process with --soft).").option("--soft", "restart the process in place")).action(
    async (service: string, names: string[], opts: R & { soft?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "DeleteServiceInstances", "DELETE", servicePath(ctx.region(opts.region), service, "/instances"), { InstanceList: names.join(","), SoftRestart: opts.soft ? true : undefined });
      printObject(ctx.io, ctx.output, r);
    },
  );

  region(instances.command("isolate <service> <instance>").description("Take an instance out of traffic (--undo puts it back).").option("--undo", "put it back into traffic")).action(
    async (service: string, instance: string, opts: R & { undo?: boolean }, cmd: Command) => {
      const ctx = context(cmd);
      const r = await easCall(ctx, "UpdateServiceInstance", "PUT", servicePath(ctx.region(opts.region), service, `/instances/${percentEncode(instance)}`), {}, { Isolate: !opts.undo });
      printObject(ctx.io, ctx.output, r);
    },
  );
}
