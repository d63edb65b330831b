import { randomUUID } from "node:crypto";
import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Logger } from "../shared/logger.ts";
import { instanceNotFound, invalidParam, SERVICESTAGE_ERROR_CODES as C } from "./servicestage-errors.ts";
import type { ServiceStageCatalog } from "./servicestage-catalog.ts";
import type { ComponentInstance, EnvVar, InstanceSnapshot, InstanceStatus, Job, JobKind, ListQuery, Listed, ObservedReplica, Project } from "./servicestage-model.ts";
import type { ServiceStageRepository } from "./servicestage-repository.ts";
import type { JobRequest, ServiceStageRuntime } from "./servicestage-runtime.ts";
import { MAX_REPLICAS, readInstanceSpec } from "./instance-spec.ts";
import { instanceName, integer, isObject, oneOf, requireString } from "./servicestage-validation.ts";
import { nextUpdatedAt } from "./instance-mutation.ts";

/** An instance as the API shows it: the record, what runs, and the names around it. */
export interface InstanceView {
  readonly instance: ComponentInstance;
  readonly observed: readonly ObservedReplica[];
  readonly status: InstanceStatus;
  readonly availableReplica: number;
  readonly internalEnv: readonly EnvVar[];
  readonly applicationName: string;
  readonly componentName: string;
  readonly environmentName: string;
}

const OPERATION_OF: Record<JobKind, InstanceStatus> = {
  create: "INITIALIZING",
  change: "UPGRADING",
  rollback: "UPGRADING",
  scale: "RUNNING",
  start: "STARTING",
  stop: "STOPPING",
  restart: "RESTARTING",
  delete: "DELETING",
};

const JOB_NAMES: Record<JobKind, [Job["type"], string]> = {
  create: ["PROVISION", "create instance"],
  change: ["DAILY_OPERATION", "upgrade instance"],
  rollback: ["DAILY_OPERATION", "rollback instance"],
  scale: ["DAILY_OPERATION", "scale instance"],
  start: ["DAILY_OPERATION", "start instance"],
  stop: ["DAILY_OPERATION", "stop instance"],
  restart: ["DAILY_OPERATION", "restart instance"],
  delete: ["DEPROVISION", "delete instance"],
};

/**
 * Component instances (B.6). Every change is a job on the engine; one job runs per instance at a
 * time (a second change while one runs is a Conflict). The status words are derived when read:
 * the running job's word, else STOPPED, RUNNING, PARTIALLY_FAILED or FAILED from the replicas
 * the engine observes now.
 */
export class ServiceStageInstances {
  constructor(
    private readonly repo: ServiceStageRepository,
    private readonly catalog: ServiceStageCatalog,
    private readonly runtime: ServiceStageRuntime,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async create(caller: Principal, project: Project, applicationId: string, componentId: string, body: Record<string, unknown>): Promise<{ instanceId: string; jobId: string }> {
    const component = await this.catalog.getComponent(project, applicationId, componentId);
    const environmentId = requireString(body.environment_id, "environment_id", { min: 1 });
    const environment = await this.catalog.getEnvironment(project, environmentId);
    const name = instanceName(body.name);
    const replica = integer(body.replica, "replica", 0, MAX_REPLICAS);
    const spec = readInstanceSpec(body, component, environment);
    const now = this.clock.now().getTime();
    const instance: ComponentInstance = {
      id: randomUUID(),
      projectId: project.id,
      accountId: project.accountId,
      applicationId,
      componentId,
      environmentId,
      name,
      spec,
      replica,
      desiredState: "Running",
      replicas: [],
      operation: null,
      lastJobId: null,
      lastJobStatus: null,
      failDetail: null,
      creator: caller.displayName,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createInstance(instance);
    const jobId = await this.submit(caller, instance, "create", { spec, replica });
    return { instanceId: instance.id, jobId };
  }

  async get(project: Project, applicationId: string, componentId: string, id: string): Promise<InstanceView> {
    return this.view(await this.require(project, applicationId, componentId, id));
  }

  async list(project: Project, applicationId: string, componentId: string, query: ListQuery): Promise<Listed<InstanceView>> {
    await this.catalog.getComponent(project, applicationId, componentId);
    const page = await this.repo.listInstances(project.id, componentId, query);
    return { count: page.count, items: await Promise.all(page.items.map((i) => this.view(i))) };
  }

  /** ChangeInstance (PUT): a new version; rolled out replica by replica (or recreated). */
  async change(caller: Principal, project: Project, applicationId: string, componentId: string, id: string, body: Record<string, unknown>): Promise<string> {
    const instance = await this.require(project, applicationId, componentId, id);
    const component = await this.catalog.getComponent(project, applicationId, componentId);
    const environment = await this.catalog.getEnvironment(project, instance.environmentId);
    const spec = readInstanceSpec(body, component, environment, instance.spec);
    return this.submit(caller, instance, "change", { spec, replica: instance.replica });
  }

  async delete(caller: Principal, project: Project, applicationId: string, componentId: string, id: string): Promise<string> {
    const instance = await this.require(project, applicationId, componentId, id);
    return this.submit(caller, instance, "delete", { spec: instance.spec, replica: 0 });
  }

  /** The action endpoint (B.6.4): start, stop, restart, scale, rollback. */
  async action(caller: Principal, project: Project, applicationId: string, componentId: string, id: string, body: Record<string, unknown>): Promise<string> {
    const instance = await this.require(project, applicationId, componentId, id);
    const action = oneOf(body.action, "action", ["start", "stop", "restart", "scale", "rollback"]);
    const parameters = body.parameters === undefined || body.parameters === null ? {} : body.parameters;
    if (!isObject(parameters)) throw invalidParam("parameters", "parameters must be an object.");
    switch (action) {
      case "scale": {
        const replica = integer(parameters.replica, "parameters.replica", 0, MAX_REPLICAS);
        return this.submit(caller, instance, "scale", { spec: instance.spec, replica });
      }
      case "rollback": {
        const version = requireString(parameters.version, "parameters.version", { min: 1 });
        const snapshot = await this.repo.getSnapshot(instance.id, version);
        if (!snapshot) throw new DomainError("NotFound", C.SNAPSHOT_NOT_FOUND, `Instance ${id} has no snapshot of version ${version}.`, { parameter: "parameters.version" });
        return this.submit(caller, instance, "rollback", { spec: snapshot.spec, replica: instance.replica });
      }
      case "restart":
        if (instance.desiredState === "Stopped") throw new DomainError("FailedPrecondition", C.INSTANCE_STOPPED, `Instance ${id} is stopped; start it instead.`);
        return this.submit(caller, instance, "restart", { spec: instance.spec, replica: instance.replica });
      default:
        return this.submit(caller, instance, action, { spec: instance.spec, replica: instance.replica });
    }
  }

  async snapshots(project: Project, applicationId: string, componentId: string, id: string, query: { limit?: number; offset?: number; orderBy?: "create_time" | "version"; order?: "asc" | "desc" }): Promise<Listed<InstanceSnapshot>> {
    await this.require(project, applicationId, componentId, id);
    return this.repo.listSnapshots(id, query);
  }

  /** Queues again jobs recorded but maybe never queued (the process died in between). */
  async resubmitPendingJobs(): Promise<void> {
    for (const job of await this.repo.listSubmittedJobs()) {
      const instance = await this.repo.findInstance(job.instanceId);
      if (instance?.lastJobId === job.id) await this.runtime.submit(job.request);
      else await this.repo.updateJobStatus(job.id, "FAILED", this.clock.now().getTime());
    }
  }

  private async require(project: Project, applicationId: string, componentId: string, id: string): Promise<ComponentInstance> {
    await this.catalog.getComponent(project, applicationId, componentId);
    const instance = await this.repo.getInstance(project.id, componentId, id);
    if (!instance) throw instanceNotFound(id);
    return instance;
  }

  private async view(instance: ComponentInstance): Promise<InstanceView> {
    const observed = await this.runtime.observe(instance).catch((e: unknown) => {
      this.log.warn({ instanceId: instance.id, err: String(e) }, "Failed to observe instance replicas");
      return [] as ObservedReplica[];
    });
    const app = await this.repo.getApplication(instance.projectId, instance.applicationId);
    const component = await this.repo.getComponent(instance.projectId, instance.applicationId, instance.componentId);
    const env = await this.repo.getEnvironment(instance.projectId, instance.environmentId);
    const availableReplica = observed.filter((r) => r.ready).length;
    return {
      instance,
      observed,
      status: deriveStatus(instance, availableReplica),
      availableReplica,
      internalEnv: internalEnv(instance, app?.name ?? "", component?.name ?? "", env?.name ?? ""),
      applicationName: app?.name ?? "",
      componentName: component?.name ?? "",
      environmentName: env?.name ?? "",
    };
  }

  private async submit(caller: Principal, instance: ComponentInstance, kind: JobKind, to: { spec: ComponentInstance["spec"]; replica: number }): Promise<string> {
    if (instance.operation !== null) {
      throw new DomainError("Conflict", C.INSTANCE_BUSY, `Instance ${instance.id} is ${instance.operation.toLowerCase()} (job ${instance.lastJobId}); wait until that job ends.`);
    }
    const component = await this.repo.getComponent(instance.projectId, instance.applicationId, instance.componentId);
    const app = await this.repo.getApplication(instance.projectId, instance.applicationId);
    const env = await this.repo.getEnvironment(instance.projectId, instance.environmentId);
    const appEnv = await this.catalog.applicationEnv(instance.projectId, instance.applicationId, instance.environmentId);
    const now = this.clock.now().getTime();
    const jobId = `JOB${randomUUID()}`;
    const request: JobRequest = {
      jobId,
      instanceId: instance.id,
      kind,
      runtime: component?.runtime ?? "Custom",
      internalEnv: internalEnv(instance, app?.name ?? "", component?.name ?? "", env?.name ?? ""),
      from: { spec: kind === "create" ? null : instance.spec, replicas: instance.replicas, appEnv },
      to: { spec: to.spec, replica: to.replica, appEnv },
    };
    const [type, name] = JOB_NAMES[kind];
    await this.repo.createJob({
      id: jobId,
      projectId: instance.projectId,
      accountId: instance.accountId,
      instanceId: instance.id,
      kind,
      type,
      name,
      description: `${name} ${instance.name} (version ${to.spec.version}, ${to.replica} replicas)`,
      status: "SUBMITTED",
      createdBy: caller.displayName,
      request,
      createdAt: now,
      updatedAt: now,
    });
    const claimed: ComponentInstance = { ...instance, operation: OPERATION_OF[kind], lastJobId: jobId, lastJobStatus: "RUNNING", failDetail: null, updatedAt: nextUpdatedAt(instance, now) };
    if (!(await this.repo.updateInstance(claimed, instance.updatedAt))) {
      await this.repo.updateJobStatus(jobId, "FAILED", now);
      throw new DomainError("Conflict", C.INSTANCE_BUSY, `Instance ${instance.id} changed while the job was being recorded; try again.`);
    }
    await this.runtime.submit(request);
    this.log.info({ instanceId: instance.id, jobId, kind }, "Submitted ServiceStage job");
    return jobId;
  }
}

/** Status words of status_detail.status from the job and the replicas that answer. */
export function deriveStatus(instance: ComponentInstance, available: number): InstanceStatus {
  if (instance.operation && instance.operation !== "RUNNING") return instance.operation;
  if (instance.desiredState === "Stopped") return "STOPPED";
  if (available >= instance.replica) return "RUNNING";
  if (instance.lastJobStatus === "FAILED" && instance.replicas.length === 0) return "FAILED";
  return available === 0 ? "FAILED" : "PARTIALLY_FAILED";
}

/** Variables every replica gets (shown with `internal: true`). */
export function internalEnv(instance: ComponentInstance, appName: string, componentName: string, envName: string): EnvVar[] {
  return [
    { name: "PAAS_PROJECT_ID", value: instance.projectId },
    { name: "PAAS_APP_NAME", value: appName },
    { name: "PAAS_COMPONENT_NAME", value: componentName },
    { name: "PAAS_ENV_NAME", value: envName },
    { name: "PAAS_INSTANCE_NAME", value: instance.name },
    { name: "PAAS_INSTANCE_VERSION", value: instance.spec.version },
  ];
}
