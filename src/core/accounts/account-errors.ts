/**
 * Stable codes of the accounts slice (never renamed once released). Each face's error table maps
 * them, falling back to the DomainError kind noted here.
 */
export const ACCOUNT_ERRORS = {
  /** NotFound. Also what another account's caller gets for an account that exists. */
  ACCOUNT_NOT_FOUND: "ACCOUNT_NOT_FOUND",
  /** AlreadyExists: duplicate account id. */
  ACCOUNT_ALREADY_EXISTS: "ACCOUNT_ALREADY_EXISTS",
  /** AlreadyExists: account names are unique in a store. */
  ACCOUNT_NAME_ALREADY_EXISTS: "ACCOUNT_NAME_ALREADY_EXISTS",
  /** AlreadyExists: a store has at most one operator account. */
  OPERATOR_ALREADY_EXISTS: "OPERATOR_ALREADY_EXISTS",
  /** NotFound. Also what another account's caller gets for a key that exists. */
  ACCESS_KEY_NOT_FOUND: "ACCESS_KEY_NOT_FOUND",
  /** AlreadyExists: duplicate access key id. */
  ACCESS_KEY_ALREADY_EXISTS: "ACCESS_KEY_ALREADY_EXISTS",
  /** Conflict: the configured root access key id names another principal's key. */
  ACCESS_KEY_IN_USE: "ACCESS_KEY_IN_USE",
  /** PermissionDenied: only the operator's root may do this. */
  OPERATOR_ROOT_REQUIRED: "OPERATOR_ROOT_REQUIRED",
  /** PermissionDenied: a root's access keys are managed by that root (or the operator's root). */
  ROOT_REQUIRED: "ROOT_REQUIRED",
  /** FailedPrecondition: the operator's last active root key cannot be disabled or deleted. */
  LAST_OPERATOR_ROOT_KEY: "LAST_OPERATOR_ROOT_KEY",
  /** InvalidArgument */
  INVALID_ACCOUNT_NAME: "INVALID_ACCOUNT_NAME",
  /** InvalidArgument */
  INVALID_USER_ID: "INVALID_USER_ID",
  /** InvalidArgument */
  INVALID_ACCESS_KEY_ID: "INVALID_ACCESS_KEY_ID",
  /** InvalidArgument */
  INVALID_ACCESS_KEY_SECRET: "INVALID_ACCESS_KEY_SECRET",
} as const;

export type AccountErrorCode = (typeof ACCOUNT_ERRORS)[keyof typeof ACCOUNT_ERRORS];
