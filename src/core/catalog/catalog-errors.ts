import { DomainError } from "../shared/domain-error.ts";

/**
 * Stable error codes of the catalog (never renamed). Faces map them in their error tables;
 * `parameter` in the details names the request field, in the vendor's words.
 */
export const CatalogErrorCodes = {
  /** NotFound: missing, deleted, another account's (supplier side) or not visible (user side). */
  SERVICE_NOT_FOUND: "SERVICE_NOT_FOUND",
  /** NotFound: no such registration for the caller. */
  SERVICE_REGISTRATION_NOT_FOUND: "SERVICE_REGISTRATION_NOT_FOUND",
  /** FailedPrecondition: UpdateService named a published version with version content. */
  SERVICE_VERSION_IMMUTABLE: "SERVICE_VERSION_IMMUTABLE",
  /** FailedPrecondition: the version's status does not allow the operation (version-status.ts). */
  SERVICE_STATUS_INVALID: "SERVICE_STATUS_INVALID",
  /** FailedPrecondition: RegisterService on a draft that cannot be deployed (no ServiceInfo, no template). */
  SERVICE_DRAFT_INCOMPLETE: "SERVICE_DRAFT_INCOMPLETE",
  /** FailedPrecondition: the service has no draft (it was deleted; CreateService with ServiceId makes one). */
  SERVICE_DRAFT_NOT_FOUND: "SERVICE_DRAFT_NOT_FOUND",
  /** AlreadyExists: CreateService with the ServiceId of a service that still has its draft. */
  SERVICE_DRAFT_EXISTS: "SERVICE_DRAFT_EXISTS",
  /** Conflict: RegisterService while an earlier registration is still Submitted. */
  SERVICE_REGISTRATION_IN_PROGRESS: "SERVICE_REGISTRATION_IN_PROGRESS",
  /** FailedPrecondition: resolveDeployment on a version nestbox cannot deploy (not ros, no template). */
  SERVICE_NOT_DEPLOYABLE: "SERVICE_NOT_DEPLOYABLE",
  /** PermissionDenied: the caller sees the service but was shared it as Accessible, not Deployable. */
  SERVICE_DEPLOY_FORBIDDEN: "SERVICE_DEPLOY_FORBIDDEN",
  /** PermissionDenied: only the operator's root may review registrations. */
  SERVICE_REVIEW_FORBIDDEN: "SERVICE_REVIEW_FORBIDDEN",
  /** Conflict: the same ClientToken came with different parameters (ALIBABA.md 2.5). */
  IDEMPOTENT_PARAMETER_MISMATCH: "IDEMPOTENT_PARAMETER_MISMATCH",
  /** AlreadyExists (repository): a new service's id is taken (a random-id collision). */
  SERVICE_ALREADY_EXISTS: "SERVICE_ALREADY_EXISTS",
  /** AlreadyExists (repository): the owner used the ClientToken for another service; CreateService replays it. */
  CLIENT_TOKEN_TAKEN: "CLIENT_TOKEN_TAKEN",
  /** InvalidArgument: a service folder's manifest is malformed (parameter: the manifest path). */
  SERVICE_MANIFEST_INVALID: "SERVICE_MANIFEST_INVALID",
  /** Conflict: concurrent writers kept winning the compare-and-set; the caller may retry. */
  SERVICE_CONCURRENT_UPDATE: "SERVICE_CONCURRENT_UPDATE",
  /** InvalidArgument: a field is malformed or out of range (parameter names it). */
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  /** InvalidArgument: a metadata field is not a JSON object. */
  METADATA_INVALID: "METADATA_INVALID",
  /** InvalidArgument: DeployMetadata is not the documented shape. */
  DEPLOY_METADATA_INVALID: "DEPLOY_METADATA_INVALID",
  /** InvalidArgument (parameter DeployMetadata): a template URL could not be read. */
  TEMPLATE_UNREADABLE: "TEMPLATE_UNREADABLE",
  /** InvalidArgument (parameter DeployMetadata): a template is not a JSON/YAML ROS template. */
  TEMPLATE_INVALID: "TEMPLATE_INVALID",
  /** InvalidArgument (parameter TemplateName): no TemplateConfig of that name. */
  TEMPLATE_NAME_INVALID: "TEMPLATE_NAME_INVALID",
} as const;
export type CatalogErrorCode = (typeof CatalogErrorCodes)[keyof typeof CatalogErrorCodes];

export const serviceNotFound = (serviceId: string, version?: string): DomainError =>
  new DomainError(
    "NotFound",
    CatalogErrorCodes.SERVICE_NOT_FOUND,
    version === undefined
      ? `The specified service ${serviceId} does not exist.`
      : `The specified service ${serviceId} version ${version} does not exist.`,
    { parameter: "ServiceId", serviceId, ...(version === undefined ? {} : { version }) },
  );

export const badArgument = (parameter: string, message: string, code: CatalogErrorCode = "INVALID_ARGUMENT") =>
  new DomainError("InvalidArgument", code, message, { parameter });
