import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import { jobNotFound } from "./servicestage-errors.ts";
import type { ComponentInstance, Job, JobTask, Listed, Project, ReplicaRef } from "./servicestage-model.ts";
import type { ServiceStageRepository } from "./servicestage-repository.ts";
import type { ServiceStageJobSink } from "./servicestage-runtime.ts";
import { mutateInstance } from "./instance-mutation.ts";

/**
 * Jobs and their tasks: the engine reports through the sink methods, ShowJobDetail reads them.
 * A finished job settles the instance: success applies what the job asked for (spec, replica
 * count, desired state; a snapshot of each deployed version), failure keeps what ran before and
 * records why in fail_detail.
 */
export class ServiceStageJobs implements ServiceStageJobSink {
  constructor(
    private readonly repo: ServiceStageRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async show(project: Project, jobId: string, query: { instanceId?: string; limit?: number; offset?: number; desc?: boolean }): Promise<{ job: Job; tasks: Listed<JobTask> }> {
    const job = await this.repo.getJob(jobId);
    if (!job || job.projectId !== project.id || (query.instanceId && job.instanceId !== query.instanceId)) throw jobNotFound(jobId);
    return { job, tasks: await this.repo.listTasks(jobId, query) };
  }

  async jobStarted(jobId: string): Promise<void> {
    const job = await this.repo.getJob(jobId);
    if (job?.status === "SUBMITTED") await this.repo.updateJobStatus(jobId, "RUNNING", this.now());
  }

  async task(jobId: string, task: Pick<JobTask, "id" | "name" | "type" | "status" | "messages">): Promise<void> {
    const existing = await this.repo.listTasks(jobId, {});
    const same = existing.items.find((t) => t.id === task.id);
    const now = this.now();
    await this.repo.putTask({
      ...task,
      jobId,
      index: same?.index ?? existing.count + 1,
      createdAt: same?.createdAt ?? now,
      updatedAt: now,
    });
  }

  async setReplicas(instanceId: string, replicas: readonly ReplicaRef[]): Promise<void> {
    await mutateInstance(this.repo, instanceId, () => this.now(), (current) =>
      sameReplicas(current.replicas, replicas) ? undefined : { ...current, replicas: [...replicas] },
    );
  }

  async jobFinished(jobId: string, outcome: { succeeded: boolean; message: string; replicas: readonly ReplicaRef[] }): Promise<void> {
    const job = await this.repo.getJob(jobId);
    if (!job) return;
    const { request } = job;
    const now = this.now();
    if (outcome.succeeded && request.kind === "delete") {
      await this.repo.deleteInstance(job.instanceId);
    } else {
      const settled = await mutateInstance(this.repo, job.instanceId, () => now, (current) => {
        if (current.lastJobId !== jobId) return { ...current, replicas: [...outcome.replicas] };
        const base: Omit<ComponentInstance, "updatedAt"> = { ...current, replicas: [...outcome.replicas], operation: null, lastJobStatus: outcome.succeeded ? "SUCCEEDED" : "FAILED", failDetail: outcome.succeeded ? null : outcome.message };
        if (!outcome.succeeded) return request.kind === "create" ? base : base;
        return {
          ...base,
          spec: request.to.spec,
          replica: request.to.replica,
          desiredState: request.kind === "stop" ? "Stopped" : request.kind === "start" || request.kind === "restart" ? "Running" : current.desiredState,
        };
      });
      if (outcome.succeeded && settled && ["create", "change", "rollback"].includes(request.kind)) {
        await this.repo.putSnapshot({ instanceId: job.instanceId, version: request.to.spec.version, description: request.to.spec.description, spec: request.to.spec, createdAt: now });
      }
    }
    await this.repo.updateJobStatus(jobId, outcome.succeeded ? "SUCCEEDED" : "FAILED", now);
    this.log.info({ jobId, instanceId: job.instanceId, kind: request.kind, succeeded: outcome.succeeded }, outcome.succeeded ? "Finished ServiceStage job" : "Failed ServiceStage job");
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function sameReplicas(a: readonly ReplicaRef[], b: readonly ReplicaRef[]): boolean {
  return a.length === b.length && a.every((r, i) => r.key === b[i]!.key && r.version === b[i]!.version);
}
