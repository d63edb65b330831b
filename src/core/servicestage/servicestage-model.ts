/**
 * ServiceStage (application management V2) in the domain's own words. Times are epoch
 * milliseconds, as the wire has them (EAS_SERVICESTAGE.md B.1). Documents the vendor leaves open
 * (`source`, `build`, `configuration`) are kept as JSON objects and validated where nestbox acts on
 * them (servicestage-validation.ts).
 */
import type { JobRequest } from "./servicestage-runtime.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A project names one account in one region (B.9.3): every account has one per region. */
export interface Project {
  readonly id: string;
  readonly accountId: string;
  readonly regionId: string;
}

export interface Application {
  readonly id: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly name: string;
  readonly description: string;
  readonly creator: string;
  readonly enterpriseProjectId: string;
  readonly unifiedModel: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface EnvironmentResource {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
}

export interface Environment {
  readonly id: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly name: string;
  readonly alias: string;
  readonly description: string;
  readonly enterpriseProjectId: string;
  readonly chargeMode: string;
  readonly deployMode: string;
  readonly vpcId: string;
  readonly baseResources: readonly EnvironmentResource[];
  readonly optionalResources: readonly EnvironmentResource[];
  readonly creator: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Component {
  readonly id: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly applicationId: string;
  readonly name: string;
  readonly runtime: string;
  readonly category: string;
  readonly subCategory: string;
  readonly description: string;
  readonly source: JsonObject | null;
  readonly build: JsonObject | null;
  /** 0 normal, 1 deleting (B.4). */
  readonly status: 0 | 1;
  readonly creator: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Application-level variables of one environment, merged into its instances' env. */
export interface ApplicationConfiguration {
  readonly applicationId: string;
  readonly environmentId: string;
  readonly env: readonly EnvVar[];
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface Artifact {
  readonly storage: string;
  readonly type: string;
  readonly url: string;
  readonly auth: string;
  readonly version?: string;
  readonly properties?: JsonObject;
}

export interface ReferResource {
  readonly id: string;
  readonly type: string;
  readonly referAlias?: string;
  readonly parameters?: JsonObject;
}

export interface ExternalAccessRequest {
  readonly protocol: string;
  readonly address: string;
  readonly forwardPort: number;
}

/** What one version of an instance runs: the body of CreateInstance / ChangeInstance. */
export interface InstanceSpec {
  readonly version: string;
  readonly flavorId: string;
  readonly artifacts: Readonly<Record<string, Artifact>>;
  readonly configuration: JsonObject;
  readonly description: string;
  readonly externalAccesses: readonly ExternalAccessRequest[];
  readonly referResources: readonly ReferResource[];
}

/** One replica the engine runs: a driver resource key and the job that made it. */
export interface ReplicaRef {
  readonly key: string;
  /** Version of the spec this replica runs. */
  readonly version: string;
}

/** Status words of status_detail.status (B.6.3). */
export type InstanceStatus =
  | "INITIALIZING"
  | "UPGRADING"
  | "FAILED"
  | "RUNNING"
  | "DELETING"
  | "STARTING"
  | "STOPPING"
  | "STOPPED"
  | "RESTARTING"
  | "PENDING"
  | "PARTIALLY_FAILED";

export interface ComponentInstance {
  readonly id: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly applicationId: string;
  readonly componentId: string;
  readonly environmentId: string;
  readonly name: string;
  readonly spec: InstanceSpec;
  /** Desired number of replicas. */
  readonly replica: number;
  readonly desiredState: "Running" | "Stopped";
  /** What the engine runs now (updated by jobs as replicas come and go). */
  readonly replicas: readonly ReplicaRef[];
  /** Status shown while a job runs (INITIALIZING, UPGRADING, …); null when none runs. */
  readonly operation: InstanceStatus | null;
  readonly lastJobId: string | null;
  readonly lastJobStatus: JobStatus | null;
  /** Why the last job failed; null when it did not. */
  readonly failDetail: string | null;
  readonly creator: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface InstanceSnapshot {
  readonly instanceId: string;
  readonly version: string;
  readonly description: string;
  readonly spec: InstanceSpec;
  readonly createdAt: number;
}

/** Observed state of an instance's replicas, from the engine. */
export interface ObservedReplica {
  readonly key: string;
  readonly version: string;
  readonly ready: boolean;
  readonly running: boolean;
  readonly port?: number;
  readonly restartCount: number;
  readonly reason?: string;
}

export type JobStatus = "SUBMITTED" | "RUNNING" | "SUCCEEDED" | "FAILED";
export type JobType = "PROVISION" | "DEPROVISION" | "DAILY_OPERATION";
export type TaskStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "SKIPPED";

/** What a job does to an instance. */
export type JobKind = "create" | "change" | "rollback" | "scale" | "start" | "stop" | "restart" | "delete";

export interface Job {
  readonly id: string;
  readonly projectId: string;
  readonly accountId: string;
  readonly instanceId: string;
  readonly kind: JobKind;
  readonly type: JobType;
  readonly name: string;
  readonly description: string;
  readonly status: JobStatus;
  readonly createdBy: string;
  /** What the engine is asked to do (kept so a job can be queued again after a crash). */
  readonly request: JobRequest;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface JobTask {
  readonly jobId: string;
  /** 1-based, in order of start. */
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly status: TaskStatus;
  readonly messages: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** List paging of B.1: limit (0..100, absent = up to 1000), offset, order_by, order. */
export interface ListQuery {
  readonly limit?: number;
  readonly offset?: number;
  readonly orderBy?: "create_time" | "update_time" | "name";
  readonly order?: "asc" | "desc";
}

export interface Listed<T> {
  readonly count: number;
  readonly items: T[];
}
