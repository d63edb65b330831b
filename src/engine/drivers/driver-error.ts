/**
 * Stable codes of driver errors; never renamed once released. The engine records them on the
 * failed step and shows the message in the instance's StatusDetail.
 */
export const DRIVER_ERROR_CODES = {
  /** The resource's properties are missing, of the wrong type or out of range. */
  INVALID_PROPERTIES: "INVALID_PROPERTIES",
  /** The key is not a valid idempotency key (resource-key.ts). */
  INVALID_KEY: "INVALID_KEY",
  /** No registered driver handles the resource type. */
  UNSUPPORTED_RESOURCE_TYPE: "UNSUPPORTED_RESOURCE_TYPE",
  /** The operation does not apply to this resource (e.g. restarting a replica of a string). */
  UNSUPPORTED_OPERATION: "UNSUPPORTED_OPERATION",
  RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
  REPLICA_NOT_FOUND: "REPLICA_NOT_FOUND",
  /** A replica kept exiting before it became ready. */
  START_FAILED: "START_FAILED",
  /** Replicas did not become ready in time. */
  NOT_READY: "NOT_READY",
  /** Another resource already owns the path. */
  PATH_CONFLICT: "PATH_CONFLICT",
  /** A sealed value could not be opened (master key changed or file tampered with). */
  SECRET_UNREADABLE: "SECRET_UNREADABLE",
  /** No free port could be found. */
  PORT_UNAVAILABLE: "PORT_UNAVAILABLE",
  /** The file system or the OS refused an operation (disk full, permissions, …). */
  IO_ERROR: "IO_ERROR",
  /** The caller's AbortSignal fired. */
  ABORTED: "ABORTED",
  /** The driver was closed while the call waited. */
  DRIVER_CLOSED: "DRIVER_CLOSED",
} as const;

export type DriverErrorCode = (typeof DRIVER_ERROR_CODES)[keyof typeof DRIVER_ERROR_CODES];

/**
 * The one error drivers throw. `retryable: false` is terminal (controller-runtime's
 * TerminalError): the engine records it and does not try again; `true` means the same call may
 * succeed later and the engine retries with backoff.
 */
export class DriverError extends Error {
  constructor(
    readonly code: DriverErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DriverError";
  }
}

export const isDriverError = (e: unknown): e is DriverError => e instanceof DriverError;

export const terminalError = (code: DriverErrorCode, message: string, cause?: unknown) =>
  new DriverError(code, message, false, { cause });

export const retryableError = (code: DriverErrorCode, message: string, cause?: unknown) =>
  new DriverError(code, message, true, { cause });

/** Wraps an unexpected failure (usually a file system error) as retryable `IO_ERROR`. */
export function toDriverError(e: unknown, doing: string): DriverError {
  if (isDriverError(e)) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return retryableError(DRIVER_ERROR_CODES.IO_ERROR, `Failed to ${doing}: ${detail}`, e);
}
