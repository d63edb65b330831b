/**
 * The one error type the domain throws. Faces map `code` (falling back to `kind`) to the
 * vendor's code and HTTP status in their own error table; nothing matches on message text.
 */
export type DomainErrorKind =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "InvalidArgument"
  | "FailedPrecondition"
  | "PermissionDenied"
  | "Unauthenticated"
  | "Throttled"
  | "Unavailable"
  | "Internal";

export interface DomainErrorDetails {
  /** The request parameter the error is about, in the face's own words when known. */
  readonly parameter?: string;
  readonly [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable UPPER_SNAKE code, never renamed once released (e.g. SERVICE_NOT_FOUND). */
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const notFound = (code: string, message: string, details?: DomainErrorDetails) =>
  new DomainError("NotFound", code, message, details);
export const invalidArgument = (parameter: string, message: string, code = "INVALID_ARGUMENT") =>
  new DomainError("InvalidArgument", code, message, { parameter });
export const failedPrecondition = (code: string, message: string, details?: DomainErrorDetails) =>
  new DomainError("FailedPrecondition", code, message, details);
export const conflict = (code: string, message: string, details?: DomainErrorDetails) =>
  new DomainError("Conflict", code, message, details);
