import type { Principal } from "../../../core/accounts/account.ts";
import type { Cipher } from "../../../core/shared/cipher.ts";
import type { IssuedToken, TokenVerifier } from "./tokens.ts";

export interface TokenIssuer {
  issue(token: IssuedToken): string;
}

const PREFIX = "nbt1.";

/**
 * Keystone-style tokens sealed with nestbox's master key (AES-GCM): every process sharing the key
 * can verify them without a lookup, and nobody without it can forge or read one. A token stays
 * valid until it expires (no revocation list).
 */
export class SealedTokens implements TokenIssuer, TokenVerifier {
  constructor(private readonly cipher: Cipher) {}

  issue(token: IssuedToken): string {
    return PREFIX + Buffer.from(this.cipher.seal(JSON.stringify(token)), "utf8").toString("base64url");
  }

  async verify(token: string): Promise<IssuedToken | undefined> {
    if (!token.startsWith(PREFIX)) return undefined;
    try {
      const parsed = JSON.parse(this.cipher.open(Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8"))) as IssuedToken;
      return isIssuedToken(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}

function isIssuedToken(t: IssuedToken): boolean {
  const p = t?.principal as Principal | undefined;
  return typeof t?.expiresAt === "number" && typeof p?.accountId === "string" && typeof p.type === "string";
}
