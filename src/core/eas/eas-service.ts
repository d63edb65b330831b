import type { EasAutoscaler, EasCronScaler } from "./eas-scaler-config.ts";
import type { EasOperation, EasServiceStatus } from "./eas-service-status.ts";
import type { ServiceSpec } from "./eas-spec.ts";

export interface EasLabel {
  readonly key: string;
  readonly value: string;
}

/** An operation recorded on the service while its workflow runs. */
export interface EasPendingOperation {
  readonly kind: EasOperation;
  readonly requestedAt: Date;
  /** Idempotency key of the workflow (the same key finds the same workflow after a crash). */
  readonly key: string;
  readonly workflowId?: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/**
 * A PAI-EAS service (A.4.1): a named, versioned spec run as `replicas` instances in one region
 * of one account. `spec` is the latest version's spec (ServiceConfig); `currentVersion` is the
 * version the instances run. Each instance runs in a numbered slot (one process resource);
 * `generations` counts how often a slot's instance was recreated, which names its pod.
 */
export interface EasService {
  readonly id: string;
  readonly name: string;
  readonly accountId: string;
  /** The principal that created it (root: the account id). */
  readonly callerUid: string;
  readonly regionId: string;
  readonly status: EasServiceStatus;
  readonly reason: string;
  readonly message: string;
  readonly spec: ServiceSpec;
  readonly currentVersion: number;
  readonly latestVersion: number;
  /** The instance slots the service keeps (its size is the desired instance count). */
  readonly slots: readonly number[];
  /** The next unused slot number (slots are never reused, so names never repeat). */
  readonly nextSlot: number;
  readonly accessToken: string;
  readonly labels: readonly EasLabel[];
  readonly workspaceId: string;
  readonly develop: boolean;
  readonly safetyLock: string;
  /** Instance names taken out of traffic (UpdateServiceInstance Isolate). */
  readonly isolated: readonly string[];
  /** Slots fenced off by Detach: kept running for debugging, not managed, not counted. */
  readonly detached: readonly number[];
  /** Recreations per slot index ("0": 2); absent = 0. */
  readonly generations: Readonly<Record<string, number>>;
  readonly autoscaler?: EasAutoscaler;
  readonly cronScaler?: EasCronScaler;
  readonly operation?: EasPendingOperation;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One stored version (ListServiceVersions): the spec as it was when the version was made. */
export interface EasServiceVersion {
  readonly serviceId: string;
  readonly version: number;
  readonly spec: ServiceSpec;
  readonly message: string;
  readonly createdAt: Date;
}

/** A service or instance event (DescribeServiceEvent). */
export interface EasEvent {
  readonly serviceId: string;
  readonly at: Date;
  readonly type: "Normal" | "Warning";
  readonly reason: string;
  readonly resource: "Service" | "Pod";
  readonly instanceName?: string;
  /** JSON text, e.g. {"versionId":1,"message":"Stage scale complete"} (A.3.10). */
  readonly message: string;
}
