import { EasErrorCodes } from "../../../../core/eas/eas-errors.ts";
import { DomainError, type DomainErrorKind } from "../../../../core/shared/domain-error.ts";
import { AuthFailure, type AuthFailureCode } from "../../../shared/signatures/auth-failure.ts";

/** One row: the EAS wire Code and HTTP status (EAS_SERVICESTAGE.md A.7). */
export interface EasErrorEntry {
  readonly code: string;
  readonly status: number;
}

/**
 * Signature failures: the POP gateway's codes (A.7, "generic POP"). Their statuses are the
 * gateway's (UNCERTAIN in A.7; the same as the RPC face's).
 */
export const EAS_AUTH_ERRORS: Readonly<Record<AuthFailureCode, EasErrorEntry>> = {
  MissingSignature: { code: "MissingSignature", status: 400 },
  IncompleteSignature: { code: "IncompleteSignature", status: 400 },
  SignatureDoesNotMatch: { code: "SignatureDoesNotMatch", status: 400 },
  "InvalidTimeStamp.Expired": { code: "InvalidTimeStamp.Expired", status: 400 },
  "InvalidTimeStamp.Format": { code: "InvalidTimeStamp.Format", status: 400 },
  SignatureNonceUsed: { code: "SignatureNonceUsed", status: 400 },
  "InvalidAccessKeyId.NotFound": { code: "InvalidAccessKeyId.NotFound", status: 404 },
  "InvalidAccessKeyId.Inactive": { code: "InvalidAccessKeyId.Inactive", status: 400 },
  "InvalidSecurityToken.Malformed": { code: "InvalidSecurityToken.Malformed", status: 400 },
  "InvalidSecurityToken.Expired": { code: "InvalidSecurityToken.Expired", status: 400 },
  "InvalidSecurityToken.MismatchWithAccessKey": { code: "InvalidSecurityToken.MismatchWithAccessKey", status: 400 },
  MissingSecurityToken: { code: "MissingSecurityToken", status: 400 },
};

/**
 * Domain codes with an EAS code. InvalidService.NotFound is the one EAS code clients check
 * (Terraform, PAI SDK); the others are UNCERTAIN (A.7: the EAS error list was not
 * retrievable) and kept stable.
 */
export const EAS_CODE_ERRORS: Readonly<Record<string, EasErrorEntry>> = {
  [EasErrorCodes.SERVICE_NOT_FOUND]: { code: "InvalidService.NotFound", status: 404 },
  [EasErrorCodes.SERVICE_ALREADY_EXISTS]: { code: "InvalidService.AlreadyExists", status: 409 },
  [EasErrorCodes.SERVICE_STATUS_INVALID]: { code: "InvalidService.Status", status: 400 },
  [EasErrorCodes.SPEC_INVALID]: { code: "InvalidParameter", status: 400 },
  [EasErrorCodes.SPEC_UNSUPPORTED]: { code: "InvalidParameter", status: 400 },
  [EasErrorCodes.INSTANCE_NOT_FOUND]: { code: "InvalidInstance.NotFound", status: 404 },
  [EasErrorCodes.VERSION_NOT_FOUND]: { code: "InvalidVersion.NotFound", status: 404 },
  [EasErrorCodes.AUTOSCALER_NOT_FOUND]: { code: "InvalidAutoscaler.NotFound", status: 404 },
  [EasErrorCodes.CRONSCALER_NOT_FOUND]: { code: "InvalidCronscaler.NotFound", status: 404 },
  [EasErrorCodes.PARAMETER_INVALID]: { code: "InvalidParameter", status: 400 },
  EAS_CONCURRENT_UPDATE: { code: "ConcurrentUpdate", status: 409 },
  // The shared protocol layer's codes (parameters, regions, RAM).
  MISSING_PARAMETER: { code: "MissingParameter", status: 400 },
  INVALID_PARAMETER: { code: "InvalidParameter", status: 400 },
  REGION_INVALID: { code: "InvalidRegionId", status: 400 },
  ACCESS_DENIED: { code: "Forbidden.RAM", status: 403 },
};

/** Every kind has a fallback, so nothing the core throws becomes a 500. */
export const EAS_KIND_ERRORS: Readonly<Record<DomainErrorKind, EasErrorEntry>> = {
  NotFound: { code: "InvalidParameter", status: 404 },
  AlreadyExists: { code: "InvalidParameter", status: 409 },
  Conflict: { code: "ConcurrentUpdate", status: 409 },
  InvalidArgument: { code: "InvalidParameter", status: 400 },
  FailedPrecondition: { code: "OperationDenied", status: 400 },
  PermissionDenied: { code: "Forbidden.RAM", status: 403 },
  Unauthenticated: { code: "InvalidAccessKeyId", status: 401 },
  Throttled: { code: "Throttling", status: 400 },
  Unavailable: { code: "ServiceUnavailable", status: 503 },
  Internal: { code: "InternalError", status: 500 },
};

const INTERNAL: EasErrorEntry = { code: "InternalError", status: 500 };

/** The one mapping from anything thrown to the EAS error body's Code and HTTP status. */
export function toEasError(err: unknown): { status: number; code: string; message: string; unexpected: boolean } {
  if (err instanceof AuthFailure) return { ...EAS_AUTH_ERRORS[err.code], message: err.message, unexpected: false };
  if (err instanceof DomainError) {
    const entry = EAS_CODE_ERRORS[err.code] ?? EAS_KIND_ERRORS[err.kind];
    return { ...entry, message: err.message, unexpected: err.kind === "Internal" };
  }
  return { ...INTERNAL, message: "The request processing has failed due to some unknown error, exception or failure.", unexpected: true };
}

/** Region from a vendor-style host name: `pai-eas.{region}.aliyuncs.com` (A.1), port ignored. */
export function easRegionFromHost(host: string): string | undefined {
  const m = /^pai-eas(?:-manage-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com(?::\d+)?$/i.exec(host);
  return m?.[1]?.toLowerCase();
}
