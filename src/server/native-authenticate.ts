import type { Principal } from "../core/accounts/account.ts";
import type { Clock } from "../core/shared/clock.ts";
import { DomainError } from "../core/shared/domain-error.ts";
import type { SignedRequest as NativeSignedRequest } from "../faces/native/signed-request.ts";
import { parsePairs } from "../faces/shared/percent-encoding.ts";
import type { AccessKeyResolver, NonceStore } from "../faces/shared/ports.ts";
import { AuthFailure } from "../faces/shared/signatures/auth-failure.ts";
import { authenticateAlibaba } from "../faces/shared/signatures/authenticate.ts";

/**
 * The native face's Authenticate on the shared ACS3 verifier: same keys, clock window and nonce
 * memory as the Alibaba faces. Failures become DomainError(Unauthenticated) carrying the gateway's
 * code (SignatureDoesNotMatch, SignatureNonceUsed, ...).
 */
export function createNativeAuthenticate(deps: { resolveKey: AccessKeyResolver; nonces: NonceStore; clock: Clock }) {
  return async (request: NativeSignedRequest): Promise<Principal> => {
    const query = parsePairs(request.rawQuery);
    if (!query) throw new DomainError("Unauthenticated", "IncompleteSignature", "The query has a malformed percent-escape.");
    try {
      const auth = await authenticateAlibaba(
        { method: request.method, rawPath: request.path, query, form: [], headers: request.headers, body: request.body },
        {},
        deps,
      );
      if (auth.scheme !== "acs3") throw new AuthFailure("IncompleteSignature", "The native API is signed with ACS3-HMAC-SHA256.");
      return auth.principal;
    } catch (e) {
      if (e instanceof AuthFailure) throw new DomainError("Unauthenticated", e.code, e.message);
      throw e;
    }
  };
}
