import { DomainError } from "../shared/domain-error.ts";
import { INSTANCE_STATUS_INVALID } from "./instance-status.ts";

/**
 * Stable error codes of the instance slice (never renamed). Faces map them in their error
 * tables; `details.parameter` names the request field in the vendor's words. The catalog's codes
 * (SERVICE_NOT_FOUND, SERVICE_DEPLOY_FORBIDDEN, SERVICE_NOT_DEPLOYABLE, TEMPLATE_NAME_INVALID)
 * and the planner's InvalidArgument errors pass through unchanged.
 */
export const InstanceErrorCodes = {
  /** NotFound: missing, another account's, or (user side) deleted. */
  SERVICE_INSTANCE_NOT_FOUND: "SERVICE_INSTANCE_NOT_FOUND",
  /** FailedPrecondition: the operation is not allowed in the instance's status (instance-status.ts). */
  INSTANCE_STATUS_INVALID,
  /** Conflict: the same ClientToken came with different parameters (ALIBABA.md 2.5). */
  IDEMPOTENT_PARAMETER_MISMATCH: "IDEMPOTENT_PARAMETER_MISMATCH",
  /** FailedPrecondition (parameter ServiceVersion): not a newer Online version that accepts the current one. */
  SERVICE_VERSION_NOT_UPGRADABLE: "SERVICE_VERSION_NOT_UPGRADABLE",
  /** FailedPrecondition: no successful upgrade to roll back, or the version forbids rollback. */
  INSTANCE_ROLLBACK_UNAVAILABLE: "INSTANCE_ROLLBACK_UNAVAILABLE",
  /** FailedPrecondition: the service does not offer Start/Stop/Restart (StatusOperationConfigs) or managed O&M. */
  INSTANCE_OPERATION_NOT_SUPPORTED: "INSTANCE_OPERATION_NOT_SUPPORTED",
  /** InvalidArgument (parameter Name): longer than 64 or outside the vendor's character set. */
  INSTANCE_NAME_INVALID: "INSTANCE_NAME_INVALID",
  /** InvalidArgument (parameter SpecificationName): no package of that name in the template config. */
  SPECIFICATION_NAME_INVALID: "SPECIFICATION_NAME_INVALID",
  /** InvalidArgument (parameter Parameters.RegionId): outside the template config's AllowedRegions. */
  DEPLOY_REGION_NOT_ALLOWED: "DEPLOY_REGION_NOT_ALLOWED",
  /** Conflict: concurrent writers kept winning the compare-and-set; the caller may retry. */
  INSTANCE_CONCURRENT_UPDATE: "INSTANCE_CONCURRENT_UPDATE",
  /** InvalidArgument: a field is malformed, out of range or not supported here (parameter names it). */
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  /** AlreadyExists (repository): a new instance's id is taken (a random-id collision). */
  SERVICE_INSTANCE_ALREADY_EXISTS: "SERVICE_INSTANCE_ALREADY_EXISTS",
  /** AlreadyExists (repository): an upgrade history entry's id is taken. */
  UPGRADE_HISTORY_ALREADY_EXISTS: "UPGRADE_HISTORY_ALREADY_EXISTS",
  /** AlreadyExists (repository): the account used the ClientToken before; create replays it. */
  CLIENT_TOKEN_TAKEN: "CLIENT_TOKEN_TAKEN",
} as const;
export type InstanceErrorCode = (typeof InstanceErrorCodes)[keyof typeof InstanceErrorCodes];

export const instanceNotFound = (id: string, parameter = "ServiceInstanceId"): DomainError =>
  new DomainError("NotFound", InstanceErrorCodes.SERVICE_INSTANCE_NOT_FOUND, `The specified service instance ${id} does not exist.`, {
    parameter,
    serviceInstanceId: id,
  });

export const badInstanceArgument = (parameter: string, message: string, code: InstanceErrorCode = "INVALID_ARGUMENT"): DomainError =>
  new DomainError("InvalidArgument", code, message, { parameter });

export const unsupportedArgument = (parameter: string, what: string): DomainError =>
  badInstanceArgument(parameter, `${what} is not supported by this server.`);
