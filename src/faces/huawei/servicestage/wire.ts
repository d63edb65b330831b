import type { InstanceView } from "../../../core/servicestage/instance-service.ts";
import { readConfiguration, strategyBounds } from "../../../core/servicestage/instance-configuration.ts";
import type { Flavor, Template } from "../../../core/servicestage/servicestage-metadata.ts";
import type { Application, ApplicationConfiguration, Component, Environment, InstanceSnapshot, Job, JobTask, JsonObject } from "../../../core/servicestage/servicestage-model.ts";
import type { RuntimeInfo } from "../../../core/servicestage/servicestage-runtime.ts";

/** Domain -> ServiceStage V2 JSON (snake_case, epoch-ms times; B.3-B.8). */

export const toApplication = (a: Application & { componentCount?: number }) => ({
  id: a.id,
  name: a.name,
  description: a.description,
  creator: a.creator,
  project_id: a.projectId,
  enterprise_project_id: a.enterpriseProjectId,
  create_time: a.createdAt,
  update_time: a.updatedAt,
  unified_model: a.unifiedModel,
  ...(a.componentCount !== undefined ? { component_count: a.componentCount } : {}),
});

export const toEnvironment = (e: Environment) => ({
  id: e.id,
  name: e.name,
  alias: e.alias,
  description: e.description,
  project_id: e.projectId,
  enterprise_project_id: e.enterpriseProjectId,
  charge_mode: e.chargeMode,
  deploy_mode: e.deployMode,
  vpc_id: e.vpcId,
  base_resources: e.baseResources.map((r) => ({ ...r })),
  optional_resources: e.optionalResources.map((r) => ({ ...r })),
  creator: e.creator,
  create_time: e.createdAt,
  update_time: e.updatedAt,
});

export const toComponent = (c: Component) => ({
  id: c.id,
  application_id: c.applicationId,
  name: c.name,
  project_id: c.projectId,
  runtime: c.runtime,
  category: c.category,
  sub_category: c.subCategory,
  description: c.description,
  status: c.status,
  source: c.source,
  build: c.build ? { id: c.id, parameters: (c.build.parameters as JsonObject | undefined) ?? c.build } : null,
  creator: c.creator,
  create_time: c.createdAt,
  update_time: c.updatedAt,
});

export const toConfiguration = (c: ApplicationConfiguration) => ({
  application_id: c.applicationId,
  environment_id: c.environmentId,
  configuration: { env: c.env.map((v) => ({ name: v.name, value: v.value })) },
});

const DEFAULT_SCHEDULER = {
  affinity: { az: [], node: [], application: [] },
  "anti-affinity": { az: [], node: [], application: [] },
  isSynchronized: true,
};

/** The stored configuration as the detail shows it: internal variables, defaults and the strategy's spec (seed example). */
function configurationOf(v: InstanceView): JsonObject {
  const stored = v.instance.spec.configuration;
  const run = readConfiguration(stored);
  const lifecycle = (stored.lifecycle as JsonObject | undefined) ?? {};
  const bounds = strategyBounds(run.strategy, v.instance.replica);
  return {
    ...stored,
    env: [...v.internalEnv.map((e) => ({ name: e.name, value: e.value, internal: true })), ...run.env.map((e) => ({ name: e.name, value: e.value }))],
    lifecycle: { ...lifecycle, "post-start": lifecycle["post-start"] ?? null, "pre-stop": lifecycle["pre-stop"] ?? null },
    scheduler: (stored.scheduler as JsonObject | undefined) ?? DEFAULT_SCHEDULER,
    strategy: { upgrade: run.strategy.type, spec: { maxSurge: bounds.maxSurge, maxUnavailable: bounds.maxUnavailable } },
  };
}

function artifactsOf(v: InstanceView) {
  return Object.fromEntries(
    Object.entries(v.instance.spec.artifacts).map(([name, a]) => [
      name,
      { storage: a.storage, type: a.type, url: a.url, auth: a.auth, version: a.version ?? v.instance.spec.version, properties: a.properties ?? {} },
    ]),
  );
}

/** Real addresses: one per replica that runs, on the port the local driver gave it. */
function externalAccessesOf(v: InstanceView) {
  const requested = v.instance.spec.externalAccesses[0];
  return v.observed
    .filter((r) => r.running && r.port)
    .map((r) => ({
      id: r.key,
      protocol: (requested?.protocol ?? "http").toUpperCase(),
      address: `127.0.0.1:${r.port}`,
      forward_port: r.port!,
      type: "IP_ADDR",
      status: r.ready ? "NORMAL" : "EXPIRED",
      create_time: v.instance.createdAt,
      update_time: v.instance.updatedAt,
    }));
}

const platformOf = (v: InstanceView) => (v.instance.spec.referResources.some((r) => r.type === "cce") ? "cce" : "vmapp");

export function toStatusDetail(v: InstanceView) {
  return {
    status: v.status,
    replica: v.instance.replica,
    available_replica: v.availableReplica,
    fail_detail: v.instance.failDetail,
    last_job_id: v.instance.lastJobId,
    last_job_status: v.instance.lastJobStatus,
    enterprise_project_id: "0",
  };
}

export const toReferResources = (v: InstanceView) =>
  v.instance.spec.referResources.map((r) => ({ id: r.id, type: r.type, ...(r.referAlias ? { refer_alias: r.referAlias } : {}), ...(r.parameters ? { parameters: r.parameters } : {}) }));

/** ShowInstanceDetail (seeded page). */
export const toInstanceDetail = (v: InstanceView) => ({
  id: v.instance.id,
  name: v.instance.name,
  environment_id: v.instance.environmentId,
  platform_type: platformOf(v),
  flavor_id: v.instance.spec.flavorId,
  artifacts: artifactsOf(v),
  version: v.instance.spec.version,
  description: v.instance.spec.description,
  configuration: configurationOf(v),
  creator: v.instance.creator,
  create_time: v.instance.createdAt,
  update_time: v.instance.updatedAt,
  external_accesses: externalAccessesOf(v),
  refer_resources: toReferResources(v),
  status_detail: toStatusDetail(v),
});

/** ListInstances element (InstanceListView, B.6.3). */
export const toInstanceListView = (v: InstanceView) => ({
  id: v.instance.id,
  application_id: v.instance.applicationId,
  application_name: v.applicationName,
  component_id: v.instance.componentId,
  component_name: v.componentName,
  name: v.instance.name,
  environment_id: v.instance.environmentId,
  environment_name: v.environmentName,
  platform_type: platformOf(v),
  version: v.instance.spec.version,
  external_accesses: externalAccessesOf(v),
  artifacts: artifactsOf(v),
  creator: v.instance.creator,
  create_time: v.instance.createdAt,
  update_time: v.instance.updatedAt,
  status_detail: toStatusDetail(v),
});

/** ComponentOverview.instances element (B.4). */
export const toInstanceOverview = (v: InstanceView) => {
  const { id, name, ...rest } = toInstanceDetail(v);
  return { instance_id: id, instance_name: name, ...rest };
};

export const toSnapshot = (s: InstanceSnapshot) => ({ instance_id: s.instanceId, version: s.version, description: s.description, create_time: s.createdAt });

const iso = (ms: number) => new Date(ms).toISOString();

/** The job object: UPPER_SNAKE keys (both SDKs) and lower-case twins (golangsdk), B.7. */
export function toJob(job: Job) {
  const upper = {
    CREATED_BY: job.createdBy,
    EXECUTION_STATUS: job.status,
    JOB_DESC: job.description,
    JOB_ID: job.id,
    JOB_NAME: job.name,
    JOB_TYPE: job.type,
    ORDER_ID: "",
    PROJECT_ID: job.projectId,
    SERVICE_INSTANCE_ID: job.instanceId,
  };
  return { ...upper, ...lowerTwins(upper), CREATED_AT: iso(job.createdAt), UPDATED_AT: iso(job.updatedAt), created_at: iso(job.createdAt), updated_at: iso(job.updatedAt) };
}

export function toTask(task: JobTask, job: Job) {
  const upper = {
    CREATED_AT: iso(task.createdAt),
    LAST_HEALTH_CHECK: iso(task.updatedAt),
    MESSAGES: task.messages,
    OWNER_ID: job.instanceId,
    TASK_ID: task.id,
    TASK_INDEX: task.index,
    TASK_NAME: task.name,
    TASK_STATUS: task.status,
    TASK_TYPE: task.type,
  };
  return { ...upper, ...lowerTwins(upper) };
}

function lowerTwins<T extends Record<string, unknown>>(upper: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(upper).map(([k, v]) => [k.toLowerCase(), v]));
}

export const toFlavor = (f: Flavor) => ({
  flavor_id: f.flavorId,
  storage_size: f.storageSize,
  num_cpu: f.numCpu,
  num_cpu_init: f.numCpuInit,
  memory_size: f.memorySize,
  memory_size_init: f.memorySizeInit,
  label: f.label,
  custom: f.custom,
});

export const toTemplate = (t: Template) => ({
  template_name: t.templateName,
  template_desc: t.templateDesc,
  source_type: t.sourceType,
  source_repo_url: t.sourceRepoUrl,
  runtime: t.runtime,
});

export const toRuntime = (r: RuntimeInfo) => ({ type_name: r.typeName, display_name: r.displayName, container_default_port: r.defaultPort, type_desc: r.description });
