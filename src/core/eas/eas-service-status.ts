import { DomainError } from "../shared/domain-error.ts";
import { EasErrorCodes } from "./eas-errors.ts";

/** Service statuses (EAS_SERVICESTAGE.md A.4.1, the SDK's ServiceStatus filter values). */
export const EAS_SERVICE_STATUSES = [
  "Creating",
  "Waiting",
  "Running",
  "Updating",
  "HotUpdate",
  "Scaling",
  "Stopping",
  "Stopped",
  "Starting",
  "Failed",
  "Deleting",
  "Deleted",
  "DeleteFailed",
  "Pending",
  "Complete",
  "Cloning",
  "Committing",
  "Developing",
] as const;
export type EasServiceStatus = (typeof EAS_SERVICE_STATUSES)[number];

/** Operations that run on the engine (one at a time per service). */
export type EasOperation = "Create" | "Update" | "Scale" | "SwitchVersion" | "Stop" | "Start" | "Restart" | "Delete";

interface Transition {
  readonly from: readonly EasServiceStatus[];
  /** Status while the operation's workflow runs. */
  readonly during: EasServiceStatus;
  /** Status when the workflow ends well; observation may then move Running <-> Waiting/Failed. */
  readonly success: EasServiceStatus;
  readonly failure: EasServiceStatus;
}

/** Statuses with no operation in progress: what the replicas do decides among the first three. */
const SETTLED: readonly EasServiceStatus[] = ["Running", "Waiting", "Failed"];

/**
 * The one transition table (A.4.1 lifecycles): create Creating -> Waiting -> Running; stop
 * Stopping -> Stopped; start Starting -> Waiting -> Running; update Updating -> Running; scale
 * Scaling -> Running; delete Deleting -> (gone) or DeleteFailed.
 */
export const EAS_TRANSITIONS: Readonly<Record<EasOperation, Transition>> = {
  Create: { from: [], during: "Creating", success: "Running", failure: "Failed" },
  Update: { from: SETTLED, during: "Updating", success: "Running", failure: "Failed" },
  Scale: { from: SETTLED, during: "Scaling", success: "Running", failure: "Failed" },
  SwitchVersion: { from: SETTLED, during: "Updating", success: "Running", failure: "Failed" },
  Stop: { from: SETTLED, during: "Stopping", success: "Stopped", failure: "Failed" },
  Start: { from: ["Stopped", "Failed"], during: "Starting", success: "Running", failure: "Failed" },
  Restart: { from: SETTLED, during: "Updating", success: "Running", failure: "Failed" },
  Delete: { from: [...SETTLED, "Stopped", "DeleteFailed"], during: "Deleting", success: "Deleted", failure: "DeleteFailed" },
};

/** Throws DomainError(FailedPrecondition, EAS_SERVICE_STATUS_INVALID) when not allowed now. */
export function beginEasTransition(operation: EasOperation, name: string, current: EasServiceStatus): Transition {
  const t = EAS_TRANSITIONS[operation];
  if (!t.from.includes(current)) {
    throw new DomainError(
      "FailedPrecondition",
      EasErrorCodes.SERVICE_STATUS_INVALID,
      `The operation ${operation} is not allowed on service ${name} while its status is ${current}.`,
      { operation, status: current },
    );
  }
  return t;
}

/** What the replicas do, summarized for the status machine. */
export interface ReplicaSummary {
  readonly desired: number;
  readonly total: number;
  readonly ready: number;
  /** Replicas waiting to be restarted after crashes, or given up on. */
  readonly crashing: number;
}

/**
 * Observation-driven moves of a service with no operation in progress, or one being created or
 * started whose replicas exist already (Creating/Starting -> Waiting). Returns the new status
 * and reason, or undefined to keep the current one. Level-triggered: the same summary twice
 * gives the same answer.
 */
export function observedStatus(
  current: EasServiceStatus,
  s: ReplicaSummary,
): { status: EasServiceStatus; reason: string; message: string } | undefined {
  const allReady = s.desired > 0 && s.ready >= s.desired;
  if (current === "Creating" || current === "Starting") {
    return s.total > 0 && !allReady ? { status: "Waiting", reason: "WAITING", message: `${s.ready}/${s.desired} instances are ready` } : undefined;
  }
  if (!SETTLED.includes(current)) return undefined;
  let next: { status: EasServiceStatus; reason: string; message: string };
  if (s.desired === 0 || allReady || (current === "Running" && s.ready > 0)) {
    next = { status: "Running", reason: "RUNNING", message: "Service is now running" };
  } else if (s.ready === 0 && s.crashing > 0) {
    next = { status: "Failed", reason: "INSTANCE_CRASHED", message: `${s.crashing} of ${s.desired} instances keep crashing; none is ready` };
  } else {
    next = { status: "Waiting", reason: "WAITING", message: `${s.ready}/${s.desired} instances are ready` };
  }
  return next.status === current ? undefined : next;
}

/** An operation refused because of the service's state (in development, another operation running). */
export function statusInvalid(kind: EasOperation, s: { readonly name: string; readonly status: EasServiceStatus }, why: string): DomainError {
  return new DomainError("FailedPrecondition", EasErrorCodes.SERVICE_STATUS_INVALID, `The operation ${kind} is not allowed on service ${s.name} now: ${why} (status ${s.status}).`, {
    operation: kind,
    status: s.status,
  });
}
