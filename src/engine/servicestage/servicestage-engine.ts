import type { Template } from "../../core/servicestage/servicestage-metadata.ts";
import type { ComponentInstance, ObservedReplica } from "../../core/servicestage/servicestage-model.ts";
import type { JobRequest, RuntimeInfo, ServiceStageJobSink, ServiceStageRuntime } from "../../core/servicestage/servicestage-runtime.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { Driver } from "../drivers/driver.ts";
import type { WorkflowRunner } from "../workflow/workflow-runner.ts";
import { PackageStore } from "./package-store.ts";
import { LOCAL_PROCESS_TYPE } from "./replica-process.ts";
import { detectRuntimes } from "./runtimes.ts";
import { TemplateShelf } from "./templates.ts";
import { SERVICESTAGE_JOB_WORKFLOW, serviceStageJobWorkflow } from "./servicestage-workflow.ts";

/**
 * The ServiceStageRuntime port on the durable runner and the local driver: each job is one
 * workflow whose idempotency key is the job id, so submitting it again (after a crash) finds it.
 * Every replica is its own `Nestbox::Local::Process` with one replica, so the engine orders
 * rolling updates itself (maxSurge / maxUnavailable).
 */
export class ServiceStageEngine implements ServiceStageRuntime {
  private readonly available: readonly RuntimeInfo[];
  private readonly shelf: TemplateShelf;

  constructor(
    private readonly runner: WorkflowRunner,
    private readonly driver: Driver,
    sink: ServiceStageJobSink,
    options: { dataDir: string; log: Logger },
  ) {
    this.available = detectRuntimes();
    this.shelf = new TemplateShelf(options.dataDir, this.available);
    runner.register(serviceStageJobWorkflow({ driver, sink, packages: new PackageStore(options.dataDir), dataDir: options.dataDir, log: options.log }));
  }

  async submit(request: JobRequest): Promise<void> {
    // On a shared store the instance's jobs run on the node that holds its replicas.
    const nodeId = await this.runner.placementOf(request.instanceId);
    await this.runner.start(SERVICESTAGE_JOB_WORKFLOW, request, { subjectId: request.instanceId, idempotencyKey: request.jobId, ...(nodeId ? { nodeId } : {}) });
  }

  async observe(instance: ComponentInstance): Promise<ObservedReplica[]> {
    return Promise.all(
      instance.replicas.map(async (r) => {
        const seen = await this.driver.observe({ key: r.key, type: LOCAL_PROCESS_TYPE }).catch(() => undefined);
        const replica = seen?.replicas[0];
        return {
          key: r.key,
          version: r.version,
          ready: seen?.desiredState === "Running" && replica?.ready === true,
          running: replica?.status === "Running",
          ...(replica?.port ? { port: replica.port } : {}),
          restartCount: replica?.restartCount ?? 0,
          ...(replica?.reason ? { reason: replica.reason } : {}),
        };
      }),
    );
  }

  runtimes(): readonly RuntimeInfo[] {
    return this.available;
  }

  templates(): Promise<readonly Template[]> {
    return this.shelf.list();
  }
}
