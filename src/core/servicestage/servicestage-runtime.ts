import type { Template } from "./servicestage-metadata.ts";
import type { ComponentInstance, EnvVar, InstanceSpec, Job, JobKind, JobTask, ObservedReplica, ReplicaRef } from "./servicestage-model.ts";

/**
 * What a job asks the engine to do, snapshotted when the job is recorded (so a job resumed after
 * a crash does the same thing). `from` is what runs now; `to` what should run afterwards.
 */
export interface JobRequest {
  readonly jobId: string;
  readonly instanceId: string;
  readonly kind: JobKind;
  /** ListRuntimes type_name of the component, e.g. Nodejs8. */
  readonly runtime: string;
  /** Variables nestbox injects (PAAS_PROJECT_ID, …), shown as `internal` in responses. */
  readonly internalEnv: readonly EnvVar[];
  readonly from: { readonly spec: InstanceSpec | null; readonly replicas: readonly ReplicaRef[]; readonly appEnv: readonly EnvVar[] };
  readonly to: { readonly spec: InstanceSpec; readonly replica: number; readonly appEnv: readonly EnvVar[] };
}

/** One runtime this host can run (ListRuntimes). */
export interface RuntimeInfo {
  readonly typeName: string;
  readonly displayName: string;
  readonly defaultPort: number;
  readonly description: string;
}

/**
 * The engine side of ServiceStage, implemented on the durable workflow runner and the local
 * driver. `submit` queues the job durably and returns once it is queued; submitting the same
 * job id again finds the queued one (idempotent). `observe` never changes anything.
 */
export interface ServiceStageRuntime {
  submit(request: JobRequest): Promise<void>;
  observe(instance: ComponentInstance): Promise<ObservedReplica[]>;
  runtimes(): readonly RuntimeInfo[];
  /** Starter packages for the runtimes above (ListTemplates). */
  templates(): Promise<readonly Template[]>;
}

/**
 * What the engine reports back while a job runs. Every call sets a value (never adds to one), so
 * a step repeated after a crash writes the same thing again.
 */
export interface ServiceStageJobSink {
  jobStarted(jobId: string): Promise<void>;
  /** Creates or updates the job's task with this id; the first report fixes its index. */
  task(jobId: string, task: Pick<JobTask, "id" | "name" | "type" | "status" | "messages">): Promise<void>;
  /** The replicas the instance runs now (set as they are created and removed). */
  setReplicas(instanceId: string, replicas: readonly ReplicaRef[]): Promise<void>;
  jobFinished(jobId: string, outcome: { readonly succeeded: boolean; readonly message: string; readonly replicas: readonly ReplicaRef[] }): Promise<void>;
}

export type { Job };
