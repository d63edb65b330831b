import { createHmac, timingSafeEqual } from "node:crypto";
import { pct } from "../percent-encoding.ts";
import { AuthFailure } from "./auth-failure.ts";

/**
 * RPC signature V1, HMAC-SHA1 over every parameter of the query and the form body except
 * Signature (CLIENTS.md 5.1, ALIBABA.md 1.5). The path is always signed as "/".
 */
export function rpcV1StringToSign(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${pct(k)}=${pct(params[k]!)}`)
    .join("&");
  return `${method.toUpperCase()}&${pct("/")}&${pct(canonical)}`;
}

export function rpcV1Signature(stringToSign: string, secret: string): string {
  return createHmac("sha1", secret + "&").update(stringToSign, "utf8").digest("base64");
}

/** Throws AuthFailure(SignatureDoesNotMatch) with the server's string to sign, as the gateway does. */
export function verifyRpcV1(method: string, params: Readonly<Record<string, string>>, secret: string): void {
  const stringToSign = rpcV1StringToSign(method, params);
  const expected = Buffer.from(rpcV1Signature(stringToSign, secret));
  const given = Buffer.from(params.Signature ?? "");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AuthFailure(
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }
}
