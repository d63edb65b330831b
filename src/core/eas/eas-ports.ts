import type { EasEvent, EasService, EasServiceVersion } from "./eas-service.ts";
import type { EasOperation, EasServiceStatus } from "./eas-service-status.ts";
import type { EasRunSpec } from "./eas-spec.ts";

/** ListServices filters (A.3.2) the store answers; all optional, AND-ed. */
export interface EasServiceFilter {
  readonly accountId: string;
  readonly regionId: string;
  /** Substring of the name. */
  readonly nameLike?: string;
  readonly name?: string;
  readonly id?: string;
  readonly status?: EasServiceStatus;
  readonly serviceType?: string;
  readonly role?: string;
  readonly group?: string;
  readonly workspaceId?: string;
  readonly callerUid?: string;
  readonly autoscalerEnabled?: boolean;
  readonly cronscalerEnabled?: boolean;
  /** Every label must match. */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface EasServicePage {
  readonly items: EasService[];
  readonly totalCount: number;
}

/**
 * Storage of EAS services, their versions and events.
 * - `create` throws DomainError(AlreadyExists, EAS_SERVICE_ALREADY_EXISTS) when the (account,
 *   region, name) is taken.
 * - `update` is compare-and-set on `updatedAt` when `expectedUpdatedAt` is given and returns
 *   false when it lost the race (another writer changed the row first).
 * - `delete` removes the service with its versions and events; deleting a missing one is fine.
 * - Lists are offset-paged (EAS pages by number) in the requested order.
 */
export interface EasServiceRepository {
  create(service: EasService, firstVersion: EasServiceVersion): Promise<void>;
  get(id: string): Promise<EasService | undefined>;
  getByName(accountId: string, regionId: string, name: string): Promise<EasService | undefined>;
  /** Every account's services of that name in the region (the invocation gateway has no caller). */
  findByName(regionId: string, name: string): Promise<EasService[]>;
  update(service: EasService, expectedUpdatedAt?: Date): Promise<boolean>;
  delete(id: string): Promise<void>;
  list(filter: EasServiceFilter, order: { by: "CreateTime" | "UpdateTime" | "ServiceName"; desc: boolean }, page: { offset: number; limit: number }): Promise<EasServicePage>;
  /** Services that the reconciler looks at: not being deleted, any account, at most `limit`. */
  listActive(limit: number): Promise<EasService[]>;
  addVersion(version: EasServiceVersion): Promise<void>;
  getVersion(serviceId: string, version: number): Promise<EasServiceVersion | undefined>;
  /** Newest first. */
  listVersions(serviceId: string, page: { offset: number; limit: number }): Promise<{ items: EasServiceVersion[]; totalCount: number }>;
  appendEvent(event: EasEvent): Promise<void>;
  /** Oldest first within [from, to). */
  listEvents(serviceId: string, q: { from: Date; to: Date; type?: string; instanceName?: string; offset: number; limit: number }): Promise<{ items: EasEvent[]; totalCount: number }>;
}

/** A replica (one instance slot) as the runtime observes it (driver words, no vendor names). */
export interface ObservedEasReplica {
  readonly slot: number;
  /** Pending | Running | Terminating | Succeeded | Failed | Stopped */
  readonly status: string;
  readonly ready: boolean;
  readonly reason?: string;
  readonly pid?: number;
  readonly port: number;
  readonly restartCount: number;
  readonly startedAt?: Date;
  readonly lastState?: {
    readonly exitCode: number | null;
    readonly signal: string | null;
    readonly reason: string;
    readonly message?: string;
    readonly finishedAt: Date;
  };
  /** Hash of what the process runs (names the pod like Kubernetes' pod-template-hash). */
  readonly specHash: string;
  /** Runs what the slot was last told to run (false while a rolling update has not reached it). */
  readonly latest: boolean;
  /** The slot was stopped on request (StopService). */
  readonly stopped: boolean;
}

export interface EasLogLine {
  readonly slot: number;
  readonly at: Date;
  readonly text: string;
}

/** What the engine is asked to do; computed by the core, carried durably in the workflow input. */
export interface EasOperationPlan {
  readonly run: EasRunSpec;
  /** Slots that must exist and run `run` when the operation ends. */
  readonly slots: readonly number[];
  /** Slots to remove (scale-in victims, or every managed slot on delete; detached ones stay). */
  readonly remove: readonly number[];
}

/**
 * Runs EAS services on the engine, one process resource per instance slot. `submit` is
 * idempotent per `key` and returns once the workflow is durably queued; the workflow reports
 * back through EasServiceManager.completeOperation. The other calls act at once.
 */
export interface EasRuntime {
  submit(request: { serviceId: string; operation: EasOperation; key: string; plan: EasOperationPlan }): Promise<string>;
  /** Stops the operation queued under `key` if it has not finished; resolves once it no longer acts here. */
  cancel(serviceId: string, key: string): Promise<void>;
  /** The slots that exist now, in slot order; missing slots are left out. */
  observe(serviceId: string, slots: readonly number[]): Promise<ObservedEasReplica[]>;
  /** soft: the process restarts in place (RestartCount grows); else a new instance in the slot. */
  restartReplica(serviceId: string, slot: number, soft: boolean): Promise<void>;
  /** Oldest first, merged across the given slots. */
  logs(serviceId: string, slots: readonly number[], options: { since?: Date; tail?: number }): Promise<EasLogLine[]>;
}
