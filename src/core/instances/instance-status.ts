import { DomainError } from "../shared/domain-error.ts";

/**
 * Service instance statuses (ALIBABA.md 3.14; seed GetServiceInstance "Status"), plus the
 * in-progress names for start/stop/restart that the vendor leaves open.
 */
export const INSTANCE_STATUSES = [
  "Created",
  "Deploying",
  "DeployedFailed",
  "Deployed",
  "Upgrading",
  "UpgradeRollbacking",
  "Stopping",
  "Stopped",
  "StopFailed",
  "Starting",
  "StartFailed",
  "Restarting",
  "Deleting",
  "Deleted",
  "DeletedFailed",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export type InstanceOperation =
  | "Deploy"
  | "ContinueDeploy"
  | "Upgrade"
  | "Rollback"
  | "Stop"
  | "Start"
  | "Restart"
  | "Delete";

interface Transition {
  /** Statuses the operation may start from. */
  readonly from: readonly InstanceStatus[];
  /** Status while the operation's workflow runs. */
  readonly during: InstanceStatus;
  readonly success: InstanceStatus;
  /** Where a failed run leaves the instance (StatusDetail carries the reason). */
  readonly failure: InstanceStatus;
}

const SETTLED: readonly InstanceStatus[] = [
  "Created",
  "Deployed",
  "DeployedFailed",
  "Stopped",
  "StopFailed",
  "StartFailed",
  "DeletedFailed",
];

/**
 * The one transition table. A failed upgrade or rollback is compensated back to the previous
 * version, so the instance stays Deployed and the upgrade history records the failure; a failed
 * restart leaves DeployedFailed so ContinueDeploy can bring the replicas back.
 */
export const INSTANCE_TRANSITIONS: Readonly<Record<InstanceOperation, Transition>> = {
  Deploy: { from: ["Created"], during: "Deploying", success: "Deployed", failure: "DeployedFailed" },
  ContinueDeploy: { from: ["DeployedFailed"], during: "Deploying", success: "Deployed", failure: "DeployedFailed" },
  Upgrade: { from: ["Deployed"], during: "Upgrading", success: "Deployed", failure: "Deployed" },
  Rollback: { from: ["Deployed"], during: "UpgradeRollbacking", success: "Deployed", failure: "Deployed" },
  Stop: { from: ["Deployed", "StopFailed"], during: "Stopping", success: "Stopped", failure: "StopFailed" },
  Start: { from: ["Stopped", "StartFailed"], during: "Starting", success: "Deployed", failure: "StartFailed" },
  Restart: { from: ["Deployed"], during: "Restarting", success: "Deployed", failure: "DeployedFailed" },
  Delete: { from: SETTLED, during: "Deleting", success: "Deleted", failure: "DeletedFailed" },
};

/** Stable code for "operation not allowed in the current status" (ALIBABA.md 3.15: ours to pick). */
export const INSTANCE_STATUS_INVALID = "INSTANCE_STATUS_INVALID";

/** Returns the transition or throws DomainError(FailedPrecondition, INSTANCE_STATUS_INVALID). */
export function beginTransition(operation: InstanceOperation, current: InstanceStatus): Transition {
  const t = INSTANCE_TRANSITIONS[operation];
  if (!t.from.includes(current)) {
    throw new DomainError(
      "FailedPrecondition",
      INSTANCE_STATUS_INVALID,
      `The operation ${operation} is not allowed when the service instance status is ${current}.`,
      { operation, status: current },
    );
  }
  return t;
}
