import { isDomainError, type DomainErrorKind } from "../../core/shared/domain-error.ts";

/**
 * The native face's one error table. Domain errors keep their stable domain code (the native API
 * has no vendor to imitate) and get their HTTP status from their kind; the face's own protocol
 * errors are listed in NATIVE_ERRORS. Body: {"code","message","requestId"}.
 */
export const STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  InvalidArgument: 400,
  Unauthenticated: 401,
  PermissionDenied: 403,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  FailedPrecondition: 409,
  Throttled: 429,
  Internal: 500,
  Unavailable: 503,
};

export const NATIVE_ERRORS = {
  INVALID_JSON: { status: 400, message: "The request body is not valid JSON." },
  INVALID_ARGUMENT: { status: 400, message: "The request is not valid." },
  MISSING_SIGNATURE: { status: 401, message: "The request is not signed; sign it with ACS3-HMAC-SHA256." },
  ROUTE_NOT_FOUND: { status: 404, message: "No such route in the nestbox API." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send the request body as application/json." },
  INTERNAL_ERROR: { status: 500, message: "The request failed because of an internal error." },
} as const satisfies Record<string, { status: number; message: string }>;

export type NativeErrorCode = keyof typeof NATIVE_ERRORS;

/** A protocol error of the native face itself (not from the domain). */
export class NativeError extends Error {
  readonly status: number;
  constructor(
    readonly code: NativeErrorCode,
    message: string = NATIVE_ERRORS[code].message,
  ) {
    super(message);
    this.name = "NativeError";
    this.status = NATIVE_ERRORS[code].status;
  }
}

export interface NativeErrorResponse {
  readonly status: number;
  readonly body: { readonly code: string; readonly message: string; readonly requestId: string };
  /** True when the cause was not anticipated; the face logs it with the request id. */
  readonly unexpected: boolean;
}

/** The single mapping from anything thrown to the response. Never exposes stacks or causes. */
export function toNativeError(error: unknown, requestId: string): NativeErrorResponse {
  if (error instanceof NativeError) {
    return { status: error.status, body: { code: error.code, message: error.message, requestId }, unexpected: false };
  }
  if (isDomainError(error)) {
    const status = STATUS_BY_KIND[error.kind] ?? 500;
    const message = error.kind === "Internal" ? NATIVE_ERRORS.INTERNAL_ERROR.message : error.message;
    return { status, body: { code: error.code, message, requestId }, unexpected: error.kind === "Internal" };
  }
  const fastify = fastifyError(error);
  if (fastify) return { ...fastify, body: { ...fastify.body, requestId } };
  const internal = NATIVE_ERRORS.INTERNAL_ERROR;
  return { status: internal.status, body: { code: "INTERNAL_ERROR", message: internal.message, requestId }, unexpected: true };
}

/** Errors fastify raises before a handler runs: schema validation, body limits, bad JSON. */
function fastifyError(error: unknown): Omit<NativeErrorResponse, "body"> & { body: { code: string; message: string } } | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { validation?: unknown; code?: string; statusCode?: number; message?: string };
  if (e.validation) {
    return { status: 400, body: { code: "INVALID_ARGUMENT", message: e.message ?? NATIVE_ERRORS.INVALID_ARGUMENT.message }, unexpected: false };
  }
  const byFastifyCode: Record<string, NativeErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
    FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
    FST_ERR_CTP_EMPTY_JSON_BODY: "INVALID_JSON",
    FST_ERR_CTP_INVALID_JSON_BODY: "INVALID_JSON",
  };
  const code = e.code ? byFastifyCode[e.code] : undefined;
  if (code) return { status: NATIVE_ERRORS[code].status, body: { code, message: NATIVE_ERRORS[code].message }, unexpected: false };
  return undefined;
}
