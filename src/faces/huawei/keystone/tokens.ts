import type { Principal } from "../../../core/accounts/account.ts";

/** A Keystone-style token issued by POST /v3/auth/tokens. */
export interface IssuedToken {
  readonly principal: Principal;
  /** Project the token is scoped to (scope.project), if any. */
  readonly projectId?: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

/** Looks a token up; undefined when it was never issued (expiry is checked by the caller). */
export interface TokenVerifier {
  verify(token: string): Promise<IssuedToken | undefined>;
}

/** A successful password login: who the token will act as, and its domain's (account's) name. */
export interface PasswordLogin {
  readonly principal: Principal;
  readonly domainName: string;
}

/**
 * Checks a user's password for the password method of POST /v3/auth/tokens. Resolves the
 * login, or undefined when the domain or user is unknown, has no password, or the password is
 * wrong (one answer for all, so the response does not reveal which).
 */
export interface PasswordVerifier {
  verify(request: { readonly userName: string; readonly domainName?: string; readonly password: string }): Promise<PasswordLogin | undefined>;
}
