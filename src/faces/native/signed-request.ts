import type { Principal } from "../../core/accounts/account.ts";

/** What a signature check needs from an HTTP request, independent of the web framework. */
export interface SignedRequest {
  readonly method: string;
  /** Path as sent, without the query. */
  readonly path: string;
  /** Query string as sent, without "?"; "" when there is none. */
  readonly rawQuery: string;
  /** Lower-case names, values as received. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Exact body bytes (empty when there is no body). */
  readonly body: Buffer;
  readonly sourceIp: string;
}

/**
 * Verifies the request's ACS3-HMAC-SHA256 signature (date window, nonce, key status) and names
 * the caller. Throws DomainError(Unauthenticated | PermissionDenied) when the check fails.
 * Injected by server/wiring.ts so this face imports no other face.
 */
export type Authenticate = (request: SignedRequest) => Promise<Principal>;
