import { DomainError, invalidArgument } from "../shared/domain-error.ts";
import type { Principal } from "./account.ts";
import { ACCOUNT_ERRORS } from "./account-errors.ts";

/** Cross-account powers belong to the operator account's root only; its users go through IAM like anyone. */
export const isOperatorRoot = (caller: Principal): boolean => caller.isOperator && caller.type === "Root";

/** The caller may see (and, IAM permitting, manage) things of this account. */
export const canActOnAccount = (caller: Principal, accountId: string): boolean =>
  isOperatorRoot(caller) || caller.accountId === accountId;

/** A root's own keys can mint any power in the account, so only that root (or the operator's root) manages them. */
export const canManageRootKeys = (caller: Principal, accountId: string): boolean =>
  isOperatorRoot(caller) || (caller.accountId === accountId && caller.type === "Root");

const CONTROL = /[\u0000-\u001f\u007f]/;

/** 1..64 characters, no control characters, no leading or trailing white space. */
export function validateAccountName(name: unknown): string {
  if (typeof name !== "string" || name.length === 0) {
    throw invalidArgument("Name", "The account name must not be empty.", ACCOUNT_ERRORS.INVALID_ACCOUNT_NAME);
  }
  if (Array.from(name).length > 64) {
    throw invalidArgument("Name", "The account name must be at most 64 characters.", ACCOUNT_ERRORS.INVALID_ACCOUNT_NAME);
  }
  if (CONTROL.test(name) || name.trim() !== name) {
    throw invalidArgument(
      "Name",
      "The account name must not contain control characters or start or end with white space.",
      ACCOUNT_ERRORS.INVALID_ACCOUNT_NAME,
    );
  }
  return name;
}

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
/** RAM user ids: 1..64 of letters, digits and . _ @ - (starting with a letter or digit). */
export function validateUserId(userId: unknown): string {
  if (typeof userId !== "string" || !USER_ID.test(userId)) {
    throw invalidArgument(
      "UserId",
      "The user id must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.",
      ACCOUNT_ERRORS.INVALID_USER_ID,
    );
  }
  return userId;
}

/** Longest access key id accepted anywhere; longer ids are unknown without a lookup. */
export const MAX_ACCESS_KEY_ID_LENGTH = 128;
const ACCESS_KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ACCESS_KEY_SECRET = /^[\x21-\x7e]{1,128}$/;

/** An explicitly configured key (NESTBOX_ROOT_ACCESS_KEY_ID/SECRET); the message never echoes the secret. */
export function validateExplicitAccessKey(id: unknown, secret: unknown): { id: string; secret: string } {
  if (typeof id !== "string" || !ACCESS_KEY_ID.test(id)) {
    throw invalidArgument(
      "AccessKeyId",
      "The access key id must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.",
      ACCOUNT_ERRORS.INVALID_ACCESS_KEY_ID,
    );
  }
  if (typeof secret !== "string" || !ACCESS_KEY_SECRET.test(secret)) {
    throw invalidArgument(
      "AccessKeySecret",
      "The access key secret must be 1 to 128 printable ASCII characters without spaces.",
      ACCOUNT_ERRORS.INVALID_ACCESS_KEY_SECRET,
    );
  }
  return { id, secret };
}

export const permissionDenied = (code: string, message: string) => new DomainError("PermissionDenied", code, message);
