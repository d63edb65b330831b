/**
 * Stable domain codes of the EAS slice (never renamed). The EAS face maps them to the vendor's
 * codes in its own table (faces/alibaba-roa/products/eas/eas-errors.ts).
 */
export const EasErrorCodes = {
  /** Unknown service in the caller's region (EAS: InvalidService.NotFound). */
  SERVICE_NOT_FOUND: "EAS_SERVICE_NOT_FOUND",
  /** A service of that name already exists in the region. */
  SERVICE_ALREADY_EXISTS: "EAS_SERVICE_ALREADY_EXISTS",
  /** The operation is not allowed in the service's current status (one runs already, or stopped). */
  SERVICE_STATUS_INVALID: "EAS_SERVICE_STATUS_INVALID",
  /** The service spec (CreateService/UpdateService body) is malformed. */
  SPEC_INVALID: "EAS_SPEC_INVALID",
  /** The spec asks for what the configured driver cannot run (an image on the local driver). */
  SPEC_UNSUPPORTED: "EAS_SPEC_UNSUPPORTED",
  /** No instance of that name in the service. */
  INSTANCE_NOT_FOUND: "EAS_INSTANCE_NOT_FOUND",
  /** No such version of the service. */
  VERSION_NOT_FOUND: "EAS_VERSION_NOT_FOUND",
  /** No autoscaler / cron scaler configured. */
  AUTOSCALER_NOT_FOUND: "EAS_AUTOSCALER_NOT_FOUND",
  CRONSCALER_NOT_FOUND: "EAS_CRONSCALER_NOT_FOUND",
  /** A request parameter of an EAS operation is not valid (names the parameter). */
  PARAMETER_INVALID: "EAS_PARAMETER_INVALID",
} as const;

export type EasErrorCode = (typeof EasErrorCodes)[keyof typeof EasErrorCodes];
