import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { CliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { printObject, printRows, type Column } from "./output.ts";
import { ServiceStageClient, type Query } from "./servicestage-client.ts";

type Row = Record<string, any>;
type Opts = Record<string, any>;

const APPS = "/applications";
const APP = `${APPS}/{application_id}`;
const ENVS = "/environments";
const ENV = `${ENVS}/{environment_id}`;
const COMPONENTS = `${APP}/components`;
const COMPONENT = `${COMPONENTS}/{component_id}`;
const INSTANCES = `${COMPONENT}/instances`;
const INSTANCE = `${INSTANCES}/{instance_id}`;
const JOB = "/jobs/{job_id}";

/** Job statuses after which nothing changes any more (B.7). */
const JOB_ENDED = new Set(["SUCCEEDED", "FAILED", "CANCELLED", "PARTIALLY_FAILED", "ROLLBACKED"]);
const time = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : "");

const APP_COLUMNS: Column<Row>[] = [
  { header: "id", value: (a) => a.id },
  { header: "name", value: (a) => a.name },
  { header: "description", value: (a) => a.description },
  { header: "createTime", value: (a) => time(a.create_time) },
];
const ENV_COLUMNS: Column<Row>[] = [
  { header: "id", value: (e) => e.id },
  { header: "name", value: (e) => e.name },
  { header: "deployMode", value: (e) => e.deploy_mode },
  { header: "vpcId", value: (e) => e.vpc_id },
  { header: "createTime", value: (e) => time(e.create_time) },
];
const COMPONENT_COLUMNS: Column<Row>[] = [
  { header: "id", value: (c) => c.id },
  { header: "name", value: (c) => c.name },
  { header: "runtime", value: (c) => c.runtime },
  { header: "category", value: (c) => c.category },
  { header: "status", value: (c) => c.status },
];
const INSTANCE_COLUMNS: Column<Row>[] = [
  { header: "id", value: (i) => i.id },
  { header: "name", value: (i) => i.name },
  { header: "status", value: (i) => i.status_detail?.status },
  { header: "replicas", value: (i) => `${i.status_detail?.available_replica ?? 0}/${i.status_detail?.replica ?? 0}` },
  { header: "version", value: (i) => i.version },
  { header: "environment", value: (i) => i.environment_name },
  { header: "lastJob", value: (i) => `${i.status_detail?.last_job_id ?? ""} ${i.status_detail?.last_job_status ?? ""}`.trim() },
];
const SNAPSHOT_COLUMNS: Column<Row>[] = [
  { header: "version", value: (s) => s.version },
  { header: "description", value: (s) => s.description },
  { header: "createTime", value: (s) => time(s.create_time) },
];

/**
 * `nestbox servicestage ...`: Huawei ServiceStage v2 (applications, environments, components,
 * instances, jobs), signed with SDK-HMAC-SHA256 like huaweicloud-sdk-core.
 */
export function addServiceStageCommands(program: Command, context: (cmd: Command) => CliContext): void {
  const root = program.command("servicestage").description("Huawei ServiceStage v2: applications, environments, components, instances, jobs.");
  const group = (name: string, description: string) => root.command(name).description(description);
  const cmd = (parent: Command, spec: string, description: string) =>
    parent.command(spec).description(description).option("--region <id>", "region whose project to use (default: NESTBOX_DEFAULT_REGION or cn-hangzhou)");
  const client = (c: Command, opts: Opts) => {
    const ctx = context(c);
    return { ctx, ss: new ServiceStageClient(ctx.credentials(), ctx.region(opts.region)) };
  };

  const apps = group("applications", "ServiceStage applications.");
  cmd(apps, "create <name>", "Create an application.")
    .option("--description <text>", "description")
    .action(async (name: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      printObject(ctx.io, ctx.output, await ss.call("POST", APPS, {}, { body: { name, ...(opts.description ? { description: opts.description } : {}) } }));
    });
  cmd(apps, "list", "List applications.").action(async (opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    const items = await listAll(ss, APPS, {}, "applications");
    printRows(ctx.io, ctx.output, { count: items.length, applications: items }, items, APP_COLUMNS);
  });
  cmd(apps, "get <applicationId>", "Show one application.").action(async (id: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    printObject(ctx.io, ctx.output, await ss.call("GET", APP, { application_id: id }));
  });
  cmd(apps, "delete <applicationId>", "Delete an application (it must have no components).").action(async (id: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    await ss.call("DELETE", APP, { application_id: id });
    printObject(ctx.io, ctx.output, { deleted: id });
  });

  const envs = group("environments", "ServiceStage environments.");
  cmd(envs, "create <name>", "Create an environment (on this host: deploy mode virtualmachine, one ECS resource).")
    .option("--description <text>", "description")
    .option("--deploy-mode <mode>", "virtualmachine, container or mixed", "virtualmachine")
    .option("--vpc-id <id>", "VPC id (recorded)", "local")
    .action(async (name: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const body = {
        name,
        deploy_mode: opts.deployMode,
        vpc_id: opts.vpcId,
        base_resources: [{ id: "Default", type: "ecs" }],
        ...(opts.description ? { description: opts.description } : {}),
      };
      printObject(ctx.io, ctx.output, await ss.call("POST", ENVS, {}, { body }));
    });
  cmd(envs, "list", "List environments.").action(async (opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    const items = await listAll(ss, ENVS, {}, "environments");
    printRows(ctx.io, ctx.output, { count: items.length, environments: items }, items, ENV_COLUMNS);
  });
  cmd(envs, "get <environmentId>", "Show one environment.").action(async (id: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    printObject(ctx.io, ctx.output, await ss.call("GET", ENV, { environment_id: id }));
  });
  cmd(envs, "delete <environmentId>", "Delete an environment (no instance may use it).").action(async (id: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    await ss.call("DELETE", ENV, { environment_id: id });
    printObject(ctx.io, ctx.output, { deleted: id });
  });

  const components = group("components", "Components of an application.");
  cmd(components, "create <applicationId> <name>", "Create a component.")
    .requiredOption("--runtime <type>", "runtime, e.g. Nodejs8, Python3, Java8, Custom (see the server's runtimes)")
    .option("--category <c>", "Webapp, MicroService or Common", "Webapp")
    .option("--sub-category <s>", "e.g. Web (Webapp)", "Web")
    .option("--description <text>", "description")
    .action(async (appId: string, name: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const body = { name, runtime: opts.runtime, category: opts.category, sub_category: opts.subCategory, ...(opts.description ? { description: opts.description } : {}) };
      printObject(ctx.io, ctx.output, await ss.call("POST", COMPONENTS, { application_id: appId }, { body }));
    });
  cmd(components, "list <applicationId>", "List an application's components.").action(async (appId: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    const items = await listAll(ss, COMPONENTS, { application_id: appId }, "components");
    printRows(ctx.io, ctx.output, { count: items.length, components: items }, items, COMPONENT_COLUMNS);
  });
  cmd(components, "get <applicationId> <componentId>", "Show one component.").action(async (appId: string, id: string, opts: Opts, c: Command) => {
    const { ctx, ss } = client(c, opts);
    printObject(ctx.io, ctx.output, await ss.call("GET", COMPONENT, { application_id: appId, component_id: id }));
  });
  cmd(components, "delete <applicationId> <componentId>", "Delete a component (it must have no instances).").action(
    async (appId: string, id: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      await ss.call("DELETE", COMPONENT, { application_id: appId, component_id: id });
      printObject(ctx.io, ctx.output, { deleted: id });
    },
  );

  addInstanceCommands(group("instances", "Instances (deployments) of a component."), cmd, client);

  const jobs = group("jobs", "Jobs of instance operations.");
  cmd(jobs, "get <jobId>", "Show a job and its tasks.")
    .option("--watch", "poll until the job ends")
    .action(async (jobId: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      if (opts.watch) return void (await watchJob(ctx, ss, jobId));
      printJob(ctx, await ss.call("GET", JOB, { job_id: jobId }));
    });
}

type CmdFactory = (parent: Command, spec: string, description: string) => Command;
type ClientFactory = (c: Command, opts: Opts) => { ctx: CliContext; ss: ServiceStageClient };

function addInstanceCommands(instances: Command, cmd: CmdFactory, client: ClientFactory): void {
  const ids = (appId: string, componentId: string, instanceId?: string) => ({
    application_id: appId,
    component_id: componentId,
    ...(instanceId ? { instance_id: instanceId } : {}),
  });
  /** Prints the call's answer, or with --watch follows its job and prints that. */
  const finish = async (ctx: CliContext, ss: ServiceStageClient, answer: Row, watch: boolean) => {
    if (!watch || typeof answer.job_id !== "string") return printObject(ctx.io, ctx.output, answer);
    const job = await watchJob(ctx, ss, answer.job_id);
    if (ctx.output === "table" && answer.instance_id) ctx.io.stdout(`instance_id  ${answer.instance_id}\n`);
    return job;
  };

  cmd(instances, "create <applicationId> <componentId>", "Deploy an instance: a JSON body file (InstanceCreate, B.6.1) or flags.")
    .option("--body <file>", "InstanceCreate JSON; flags given as well override its fields")
    .option("--name <name>", "instance name")
    .option("--environment <id>", "environment id")
    .option("--version <semver>", "version, e.g. 1.0.0")
    .option("--replica <n>", "replicas", "1")
    .option("--flavor <id>", "flavor", "MICRO-5G:0.5C:1G")
    .option("--package-url <url>", "package URL (file:, http(s):), the artifact of the component")
    .option("--artifact-name <name>", "artifacts key (default: the component's name)")
    .option("-e, --env <name=value...>", "environment variable, repeatable")
    .option("--watch", "follow the job until it ends")
    .action(async (appId: string, componentId: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const body = opts.body ? readJsonFile(opts.body) : {};
      if (opts.name) body.name = opts.name;
      if (opts.environment) body.environment_id = opts.environment;
      if (opts.version) body.version = opts.version;
      if (!opts.body || c.getOptionValueSource("replica") === "cli") body.replica = positiveInt(opts.replica, "--replica");
      if (!opts.body || c.getOptionValueSource("flavor") === "cli") body.flavor_id = opts.flavor;
      if (opts.packageUrl) {
        const key = opts.artifactName ?? (await ss.call("GET", COMPONENT, ids(appId, componentId))).name;
        body.artifacts = { ...body.artifacts, [key]: { storage: "obs", type: "package", url: opts.packageUrl, auth: "none" } };
      }
      if (opts.env) body.configuration = { ...body.configuration, env: [...(body.configuration?.env ?? []), ...parseEnv(opts.env)] };
      body.refer_resources ??= [{ id: "Default", type: "ecs", parameters: { hosts: [] } }];
      for (const [field, flag] of [["name", "--name"], ["environment_id", "--environment"], ["version", "--version"]] as const) {
        if (body[field] === undefined) throw new CliError(`Give ${flag} (or "${field}" in --body).`);
      }
      await finish(ctx, ss, await ss.call("POST", INSTANCES, ids(appId, componentId), { body }), Boolean(opts.watch));
    });

  cmd(instances, "list <applicationId> <componentId>", "List a component's instances.").action(
    async (appId: string, componentId: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const items = await listAll(ss, INSTANCES, ids(appId, componentId), "instances");
      printRows(ctx.io, ctx.output, { count: items.length, instances: items }, items, INSTANCE_COLUMNS);
    },
  );

  cmd(instances, "get <applicationId> <componentId> <instanceId>", "Show one instance.").action(
    async (appId: string, componentId: string, id: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      printObject(ctx.io, ctx.output, await ss.call("GET", INSTANCE, ids(appId, componentId, id)));
    },
  );

  cmd(instances, "delete <applicationId> <componentId> <instanceId>", "Delete an instance.")
    .option("--force", "delete even when its replicas cannot be stopped cleanly")
    .option("--watch", "follow the job until it ends")
    .action(async (appId: string, componentId: string, id: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const answer = await ss.call("DELETE", INSTANCE, ids(appId, componentId, id), { query: opts.force ? { force: true } : {} });
      await finish(ctx, ss, answer, Boolean(opts.watch));
    });

  cmd(instances, "action <applicationId> <componentId> <instanceId> <action>", "start, stop, restart, scale (--replica N) or rollback.")
    .option("--replica <n>", "replica count (scale)")
    .option("--version <semver>", "snapshot version to return to (rollback)")
    .option("--watch", "follow the job until it ends")
    .action(async (appId: string, componentId: string, id: string, action: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      if (action === "scale" && opts.replica === undefined) throw new CliError("scale needs --replica <n>.");
      const parameters = {
        ...(opts.replica !== undefined ? { replica: positiveInt(opts.replica, "--replica", 0) } : {}),
        ...(opts.version ? { version: opts.version } : {}),
      };
      const body = { action, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
      await finish(ctx, ss, await ss.call("POST", `${INSTANCE}/action`, ids(appId, componentId, id), { body }), Boolean(opts.watch));
    });

  cmd(instances, "snapshots <applicationId> <componentId> <instanceId>", "List an instance's deployed versions.").action(
    async (appId: string, componentId: string, id: string, opts: Opts, c: Command) => {
      const { ctx, ss } = client(c, opts);
      const items = await listAll(ss, `${INSTANCE}/snapshots`, ids(appId, componentId, id), "snapshots");
      printRows(ctx.io, ctx.output, { count: items.length, snapshots: items }, items, SNAPSHOT_COLUMNS);
    },
  );
}

/** Every item of a paged list (limit/offset, B.1). */
async function listAll(ss: ServiceStageClient, path: string, params: Record<string, string>, key: string): Promise<Row[]> {
  const items: Row[] = [];
  for (;;) {
    const query: Query = { limit: 100, offset: items.length };
    const page = await ss.call<Row>("GET", path, params, { query });
    const got: Row[] = page[key] ?? [];
    items.push(...got);
    if (got.length === 0 || items.length >= Number(page.count ?? items.length)) return items;
  }
}

/** Polls a job until it ends, a line on stderr per change; a job that did not succeed is an error. */
async function watchJob(ctx: CliContext, ss: ServiceStageClient, jobId: string): Promise<Row> {
  const pollMs = Number(ctx.io.env.NESTBOX_WATCH_INTERVAL_MS ?? 1000);
  let last = "";
  for (;;) {
    const r = await ss.call<Row>("GET", JOB, { job_id: jobId });
    const status = String(r.job?.EXECUTION_STATUS ?? "");
    const tasks: Row[] = r.tasks ?? [];
    const done = tasks.filter((t) => t.TASK_STATUS === "SUCCEEDED" || t.TASK_STATUS === "SKIPPED").length;
    const current = tasks.find((t) => t.TASK_STATUS === "RUNNING" || t.TASK_STATUS === "FAILED");
    const line = `${jobId} ${status} ${done}/${r.task_count ?? tasks.length} tasks${current ? ` ${current.TASK_NAME}: ${current.TASK_STATUS}` : ""}`;
    if (line !== last) ctx.io.stderr(`${line}\n`);
    last = line;
    if (JOB_ENDED.has(status)) {
      printJob(ctx, r);
      if (status !== "SUCCEEDED") {
        const failed = tasks.find((t) => t.TASK_STATUS === "FAILED");
        throw new CliError(`Job ${jobId} ended ${status}${failed ? `: ${failed.TASK_NAME}: ${failed.MESSAGES}` : ""}`);
      }
      return r;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function printJob(ctx: CliContext, r: Row): void {
  if (ctx.output === "json") return printObject(ctx.io, "json", r);
  const job = r.job ?? {};
  printObject(ctx.io, "table", { job_id: job.JOB_ID, status: job.EXECUTION_STATUS, type: job.JOB_TYPE, instance_id: job.SERVICE_INSTANCE_ID, description: job.JOB_DESC });
  const tasks: Row[] = r.tasks ?? [];
  if (tasks.length === 0) return;
  ctx.io.stdout("\n");
  printRows(ctx.io, "table", r, tasks, [
    { header: "index", value: (t) => t.TASK_INDEX },
    { header: "task", value: (t) => t.TASK_NAME },
    { header: "status", value: (t) => t.TASK_STATUS },
    { header: "messages", value: (t) => t.MESSAGES },
  ]);
}

function readJsonFile(file: string): Row {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON: an instance body is a JSON object (InstanceCreate).`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new CliError(`${file} must hold a JSON object (InstanceCreate).`);
  return parsed as Row;
}

function positiveInt(value: string, flag: string, min = 1): number {
  const n = Number(value);
  if (!/^\d+$/.test(String(value)) || n < min) throw new CliError(`${flag} must be an integer of at least ${min}, got "${value}".`);
  return n;
}

/** `-e NAME=value` pairs as ServiceStage env entries. */
export function parseEnv(pairs: readonly string[]): { name: string; value: string }[] {
  return pairs.map((pair) => {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliError(`Variable "${pair}" is not NAME=value.`);
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}
