import { SERVICESTAGE_ERROR_CODES as C } from "../../core/servicestage/servicestage-errors.ts";
import { isDomainError, type DomainErrorKind } from "../../core/shared/domain-error.ts";
import { HuaweiAuthFailure } from "./huawei-authenticate.ts";

/** One wire error of the Huawei face: `error_code` and HTTP status (EAS_SERVICESTAGE.md B.10). */
export interface HuaweiWireError {
  readonly errorCode: string;
  readonly status: number;
}

/** ServiceStage's documented pattern SVCSTG.00100 + the HTTP status (B.10). */
const svcstg = (status: number): HuaweiWireError => ({ errorCode: `SVCSTG.00100${status}`, status });

/** Domain codes of the ServiceStage slice and the shared codes a Huawei request can meet. */
export const HUAWEI_DOMAIN_ERRORS: Readonly<Record<string, HuaweiWireError>> = {
  [C.PROJECT_NOT_FOUND]: svcstg(404),
  [C.APPLICATION_NOT_FOUND]: svcstg(404),
  [C.APPLICATION_NAME_EXISTS]: svcstg(409),
  [C.APPLICATION_NOT_EMPTY]: svcstg(409),
  [C.ENVIRONMENT_NOT_FOUND]: svcstg(404),
  [C.ENVIRONMENT_NAME_EXISTS]: svcstg(409),
  [C.ENVIRONMENT_IN_USE]: svcstg(409),
  [C.COMPONENT_NOT_FOUND]: svcstg(404),
  [C.COMPONENT_NAME_EXISTS]: svcstg(409),
  [C.COMPONENT_HAS_INSTANCES]: svcstg(409),
  [C.INSTANCE_NOT_FOUND]: svcstg(404),
  [C.INSTANCE_NAME_EXISTS]: svcstg(409),
  [C.INSTANCE_BUSY]: svcstg(409),
  [C.INSTANCE_STOPPED]: svcstg(400),
  [C.SNAPSHOT_NOT_FOUND]: svcstg(404),
  [C.JOB_NOT_FOUND]: svcstg(404),
  [C.INVALID_PARAMETER]: svcstg(400),
  ACCESS_DENIED: svcstg(403),
  REGION_INVALID: svcstg(400),
};

/** Fallback by kind, for codes the table does not name. */
export const HUAWEI_KIND_ERRORS: Readonly<Record<DomainErrorKind, HuaweiWireError>> = {
  NotFound: svcstg(404),
  AlreadyExists: svcstg(409),
  Conflict: svcstg(409),
  InvalidArgument: svcstg(400),
  FailedPrecondition: svcstg(400),
  PermissionDenied: svcstg(403),
  Unauthenticated: { errorCode: "APIGW.0301", status: 401 },
  Throttled: { errorCode: "APIGW.0308", status: 429 },
  Unavailable: svcstg(500),
  Internal: svcstg(500),
};

/** The face's own protocol errors (B.10: API gateway codes). */
export const HUAWEI_PROTOCOL_ERRORS = {
  API_NOT_FOUND: { errorCode: "APIGW.0101", status: 404 },
  AUTHENTICATION_FAILED: { errorCode: "APIGW.0301", status: 401 },
  INTERNAL: svcstg(500),
} as const satisfies Record<string, HuaweiWireError>;

/** Maps anything thrown to the wire; `unexpected` errors are logged with their stack. */
export function toHuaweiError(err: unknown): HuaweiWireError & { message: string; unexpected: boolean } {
  if (err instanceof HuaweiAuthFailure) return { ...HUAWEI_PROTOCOL_ERRORS.AUTHENTICATION_FAILED, message: err.message, unexpected: false };
  if (isDomainError(err)) {
    const wire = HUAWEI_DOMAIN_ERRORS[err.code] ?? HUAWEI_KIND_ERRORS[err.kind];
    return { ...wire, message: err.message, unexpected: err.kind === "Internal" };
  }
  return { ...HUAWEI_PROTOCOL_ERRORS.INTERNAL, message: "Internal server error.", unexpected: true };
}
