import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import { ServiceStageCatalog } from "./servicestage-catalog.ts";
import { ServiceStageInstances } from "./instance-service.ts";
import { ServiceStageJobs } from "./job-ledger.ts";
import type { ServiceStageRepository } from "./servicestage-repository.ts";
import type { RuntimeInfo, ServiceStageRuntime } from "./servicestage-runtime.ts";
import { metadataFlavors, type Flavor, type Template } from "./servicestage-metadata.ts";

/** The ServiceStage use-cases, one object on `Core`. */
export class ServiceStage {
  readonly catalog: ServiceStageCatalog;
  readonly instances: ServiceStageInstances;
  readonly jobs: ServiceStageJobs;

  constructor(
    repo: ServiceStageRepository,
    private readonly runtime: ServiceStageRuntime,
    clock: Clock,
    log: Logger,
  ) {
    this.catalog = new ServiceStageCatalog(repo, clock, () => runtime.runtimes().map((r) => r.typeName));
    this.instances = new ServiceStageInstances(repo, this.catalog, runtime, clock, log);
    this.jobs = new ServiceStageJobs(repo, clock, log);
  }

  runtimes(): readonly RuntimeInfo[] {
    return this.runtime.runtimes();
  }

  flavors(): readonly Flavor[] {
    return metadataFlavors();
  }

  templates(): Promise<readonly Template[]> {
    return this.runtime.templates();
  }
}

/**
 * Breaks the construction cycle engine <-> core: the engine needs the job sink, the core needs
 * the engine. Wiring builds the engine with this late-bound sink, then sets `target`.
 */
export class LateJobSink {
  target: ServiceStageJobs | undefined;
  private get t(): ServiceStageJobs {
    if (!this.target) throw new Error("The ServiceStage job sink is not wired yet.");
    return this.target;
  }
  jobStarted = (jobId: string) => this.t.jobStarted(jobId);
  task: ServiceStageJobs["task"] = (jobId, task) => this.t.task(jobId, task);
  setReplicas: ServiceStageJobs["setReplicas"] = (id, replicas) => this.t.setReplicas(id, replicas);
  jobFinished: ServiceStageJobs["jobFinished"] = (jobId, outcome) => this.t.jobFinished(jobId, outcome);
}
