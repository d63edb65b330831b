import { DomainError, type DomainErrorKind } from "../../core/shared/domain-error.ts";
import { AuthFailure, type AuthFailureCode } from "../shared/signatures/auth-failure.ts";
import { PROVISION_CODE_ERRORS } from "./provision-errors.ts";
import { IAM_CODE_ERRORS } from "./iam-errors.ts";
import { MARKET_CODE_ERRORS } from "./market-errors.ts";

/** One row of the table: the vendor's Code and HTTP status (ALIBABA.md 2.3). */
export interface AlibabaErrorEntry {
  readonly code: string;
  readonly status: number;
}

/** Errors the protocol layer raises itself (signatures, routing, parameters). */
export const PROTOCOL_ERRORS = {
  MissingSignature: { code: "MissingSignature", status: 400 },
  IncompleteSignature: { code: "IncompleteSignature", status: 400 },
  SignatureDoesNotMatch: { code: "SignatureDoesNotMatch", status: 400 },
  "InvalidTimeStamp.Expired": { code: "InvalidTimeStamp.Expired", status: 400 },
  "InvalidTimeStamp.Format": { code: "InvalidTimeStamp.Format", status: 400 },
  SignatureNonceUsed: { code: "SignatureNonceUsed", status: 400 },
  "InvalidAccessKeyId.NotFound": { code: "InvalidAccessKeyId.NotFound", status: 404 },
  "InvalidAccessKeyId.Inactive": { code: "InvalidAccessKeyId.Inactive", status: 400 },
  "InvalidSecurityToken.Malformed": { code: "InvalidSecurityToken.Malformed", status: 400 },
  // STS temporary keys (ALIBABA.md 2.3): the token must come with the key and be current.
  "InvalidSecurityToken.Expired": { code: "InvalidSecurityToken.Expired", status: 400 },
  "InvalidSecurityToken.MismatchWithAccessKey": { code: "InvalidSecurityToken.MismatchWithAccessKey", status: 400 },
  MissingSecurityToken: { code: "MissingSecurityToken", status: 400 },
  "InvalidAction.NotFound": { code: "InvalidAction.NotFound", status: 404 },
  InvalidVersion: { code: "InvalidVersion", status: 400 },
  MissingAction: { code: "MissingParameter", status: 400 },
  UnsupportedHTTPMethod: { code: "UnsupportedHTTPMethod", status: 400 },
  /** RAM denial; the body carries AccessDeniedDetail (ALIBABA.md 2.3). */
  "Forbidden.RAM": { code: "Forbidden.RAM", status: 403 },
  InternalError: { code: "InternalError", status: 500 },
} as const satisfies Record<AuthFailureCode | string, AlibabaErrorEntry>;

/** The foundation's and the instances' domain codes (accounts, catalog, instances). */
export const CORE_CODE_ERRORS: Readonly<Record<string, AlibabaErrorEntry>> = {
  MISSING_PARAMETER: { code: "MissingParameter", status: 400 },
  INVALID_PARAMETER: { code: "InvalidParameter", status: 400 },
  // The configured region list (server config); the gateway's word for an unknown region.
  REGION_INVALID: { code: "InvalidRegionId", status: 400 },
  // Catalog. EntityNotExist.Service is what computenest-cli checks for (ALIBABA.md 3.15).
  SERVICE_NOT_FOUND: { code: "EntityNotExist.Service", status: 404 },
  SERVICE_REGISTRATION_NOT_FOUND: { code: "EntityNotExist.ServiceRegistration", status: 404 },
  SERVICE_VERSION_IMMUTABLE: { code: "OperationDenied.ServiceVersionImmutable", status: 400 },
  SERVICE_STATUS_INVALID: { code: "OperationDenied.InvalidServiceStatus", status: 400 },
  SERVICE_DRAFT_INCOMPLETE: { code: "OperationDenied.ServiceDraftIncomplete", status: 400 },
  SERVICE_DRAFT_NOT_FOUND: { code: "EntityNotExist.ServiceDraft", status: 404 },
  SERVICE_NOT_DEPLOYABLE: { code: "OperationDenied.ServiceNotDeployable", status: 400 },
  SERVICE_DRAFT_EXISTS: { code: "EntityAlreadyExist.ServiceDraft", status: 409 },
  SERVICE_ALREADY_EXISTS: { code: "EntityAlreadyExist.Service", status: 409 },
  SERVICE_REGISTRATION_IN_PROGRESS: { code: "OperationDenied.RegistrationInProgress", status: 409 },
  SERVICE_CONCURRENT_UPDATE: { code: "ConcurrentUpdate", status: 409 },
  SERVICE_DEPLOY_FORBIDDEN: { code: "Forbidden.ServiceDeploy", status: 403 },
  SERVICE_REVIEW_FORBIDDEN: { code: "Forbidden.ServiceReview", status: 403 },
  IDEMPOTENT_PARAMETER_MISMATCH: { code: "IdempotentParameterMismatch", status: 400 },
  CLIENT_TOKEN_TAKEN: { code: "IdempotentParameterMismatch", status: 400 },
  // Instances. ServiceInstanceNotFound is Terraform's not-found check (ALIBABA.md 3.4); the
  // status error is ours to pick (3.15): one code, HTTP 400.
  SERVICE_INSTANCE_NOT_FOUND: { code: "ServiceInstanceNotFound", status: 404 },
  INSTANCE_STATUS_INVALID: { code: "OperationDenied.InvalidStatus", status: 400 },
  SERVICE_VERSION_NOT_UPGRADABLE: { code: "OperationDenied.ServiceVersionNotUpgradable", status: 400 },
  INSTANCE_ROLLBACK_UNAVAILABLE: { code: "OperationDenied.RollbackUnavailable", status: 400 },
  INSTANCE_OPERATION_NOT_SUPPORTED: { code: "OperationDenied.OperationNotSupported", status: 400 },
  INSTANCE_CONCURRENT_UPDATE: { code: "ConcurrentUpdate", status: 409 },
  SERVICE_INSTANCE_ALREADY_EXISTS: { code: "EntityAlreadyExist.ServiceInstance", status: 409 },
  UPGRADE_HISTORY_ALREADY_EXISTS: { code: "EntityAlreadyExist.UpgradeHistory", status: 409 },
  // Accounts (native API and future RAM faces).
  ACCOUNT_NOT_FOUND: { code: "EntityNotExist.Account", status: 404 },
  ACCESS_KEY_NOT_FOUND: { code: "EntityNotExist.AccessKey", status: 404 },
  ACCOUNT_ALREADY_EXISTS: { code: "EntityAlreadyExist.Account", status: 409 },
  ACCOUNT_NAME_ALREADY_EXISTS: { code: "EntityAlreadyExist.Account", status: 409 },
  OPERATOR_ALREADY_EXISTS: { code: "EntityAlreadyExist.Account", status: 409 },
  ACCESS_KEY_ALREADY_EXISTS: { code: "EntityAlreadyExist.AccessKey", status: 409 },
  ACCESS_KEY_IN_USE: { code: "EntityAlreadyExist.AccessKey", status: 409 },
  OPERATOR_ROOT_REQUIRED: { code: "NoPermission", status: 403 },
  ROOT_REQUIRED: { code: "NoPermission", status: 403 },
  LAST_OPERATOR_ROOT_KEY: { code: "OperationDenied.LastRootAccessKey", status: 400 },
  // Malformed input the core names by parameter: all the gateway's InvalidParameter.
  ...Object.fromEntries(
    [
      "INVALID_ARGUMENT",
      "INVALID_ACCOUNT_NAME",
      "INVALID_USER_ID",
      "INVALID_ACCESS_KEY_ID",
      "INVALID_ACCESS_KEY_SECRET",
      "SERVICE_MANIFEST_INVALID",
      "METADATA_INVALID",
      "DEPLOY_METADATA_INVALID",
      "TEMPLATE_UNREADABLE",
      "TEMPLATE_INVALID",
      "TEMPLATE_NAME_INVALID",
      "TEMPLATE_PARAMETER_INVALID",
      "PARAMETER_INVALID",
      "INSTANCE_NAME_INVALID",
      "SPECIFICATION_NAME_INVALID",
      "DEPLOY_REGION_NOT_ALLOWED",
    ].map((c) => [c, { code: "InvalidParameter", status: 400 }]),
  ),
};

/**
 * Domain codes with a vendor code of their own; the rest fall back to their kind. Each later
 * area (access control, provisions, Marketplace) keeps its codes in a table of its own file.
 */
export const DOMAIN_CODE_ERRORS: Readonly<Record<string, AlibabaErrorEntry>> = {
  ...CORE_CODE_ERRORS,
  ...PROVISION_CODE_ERRORS,
  ...IAM_CODE_ERRORS,
  ...MARKET_CODE_ERRORS,
};

/** Every domain kind has a fallback, so nothing the core throws becomes a 500. */
export const KIND_ERRORS: Readonly<Record<DomainErrorKind, AlibabaErrorEntry>> = {
  NotFound: { code: "EntityNotExist", status: 404 },
  AlreadyExists: { code: "EntityAlreadyExist", status: 409 },
  Conflict: { code: "Conflict", status: 409 },
  InvalidArgument: { code: "InvalidParameter", status: 400 },
  FailedPrecondition: { code: "OperationDenied", status: 400 },
  PermissionDenied: { code: "NoPermission", status: 403 },
  Unauthenticated: { code: "InvalidAccessKeyId", status: 401 },
  Throttled: { code: "Throttling", status: 400 },
  Unavailable: { code: "ServiceUnavailable", status: 503 },
  Internal: { code: "InternalError", status: 500 },
};

export const INTERNAL_ERROR_MESSAGE = "The request processing has failed due to some unknown error, exception or failure.";

export interface MappedError {
  readonly entry: AlibabaErrorEntry;
  readonly message: string;
  /** Only for unexpected failures: log the cause against the RequestId. */
  readonly unexpected: boolean;
}

/** The one function from anything thrown to the vendor's error (STYLE.md section 4). */
export function toAlibabaError(err: unknown): MappedError {
  if (err instanceof AuthFailure) return { entry: PROTOCOL_ERRORS[err.code], message: err.message, unexpected: false };
  if (err instanceof ProtocolError) return { entry: PROTOCOL_ERRORS[err.key], message: err.message, unexpected: false };
  if (err instanceof DomainError) {
    return { entry: DOMAIN_CODE_ERRORS[err.code] ?? KIND_ERRORS[err.kind], message: err.message, unexpected: err.kind === "Internal" };
  }
  return { entry: PROTOCOL_ERRORS.InternalError, message: INTERNAL_ERROR_MESSAGE, unexpected: true };
}

/** A protocol-level failure named by its row in PROTOCOL_ERRORS. */
export class ProtocolError extends Error {
  constructor(
    readonly key: keyof typeof PROTOCOL_ERRORS,
    message: string,
  ) {
    super(message);
    this.name = "ProtocolError";
  }
}
