import { DomainError } from "../shared/domain-error.ts";

/**
 * Statuses of a service version (GetService "Status", ALIBABA.md 4.1). nestbox writes versions
 * synchronously, so the vendor's in-progress values (Creating, Updating, Launching, Beta, ...)
 * never occur; they are not listed so no code has to handle them.
 */
export const VERSION_STATUSES = ["Draft", "Submitted", "Approved", "Online", "Offline", "Deleted"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * Operations that move an existing version. RegisterService does not appear: it creates a new
 * numbered version in Submitted (and auto review approves it at once).
 */
export type VersionOperation = "Approve" | "Launch" | "Withdraw" | "Delete";

interface VersionTransition {
  readonly from: readonly VersionStatus[];
  readonly to: VersionStatus;
}

/**
 * The one transition table. An Online version must be withdrawn before it can be deleted, so
 * customers never lose a service they can see without the supplier unpublishing it first.
 */
export const VERSION_TRANSITIONS: Readonly<Record<VersionOperation, VersionTransition>> = {
  Approve: { from: ["Submitted"], to: "Approved" },
  Launch: { from: ["Approved", "Offline"], to: "Online" },
  Withdraw: { from: ["Online"], to: "Offline" },
  Delete: { from: ["Draft", "Submitted", "Approved", "Offline"], to: "Deleted" },
};

/** Stable code for "operation not allowed in the version's current status". */
export const SERVICE_STATUS_INVALID = "SERVICE_STATUS_INVALID";

/** Returns the target status or throws DomainError(FailedPrecondition, SERVICE_STATUS_INVALID). */
export function versionTransition(operation: VersionOperation, current: VersionStatus, version: string): VersionStatus {
  const t = VERSION_TRANSITIONS[operation];
  if (!t.from.includes(current)) {
    throw new DomainError(
      "FailedPrecondition",
      SERVICE_STATUS_INVALID,
      `The operation ${operation} is not allowed when the service version ${version} is ${current}.`,
      { operation, status: current, version },
    );
  }
  return t.to;
}
