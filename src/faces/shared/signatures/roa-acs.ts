import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AuthFailure } from "./auth-failure.ts";
import { header, type SignedRequest } from "./signed-request.ts";

/** Parses `acs <AK>:<base64 signature>`; undefined if it is not that form. */
export function parseRoaAuthorization(value: string): { accessKeyId: string; signature: string } | undefined {
  const m = /^acs ([^:\s]+):(\S+)$/.exec(value.trim());
  return m ? { accessKeyId: m[1]!, signature: m[2]! } : undefined;
}

/** ROA `acs` HMAC-SHA1 string to sign (CLIENTS.md 5.3): query values decoded and not re-encoded. */
export function roaStringToSign(req: SignedRequest): string {
  const h = (n: string) => header(req, n) ?? "";
  const acsHeaders = Object.keys(req.headers)
    .filter((n) => n.startsWith("x-acs-"))
    .sort()
    .map((n) => `${n}:${h(n).replace(/[\t\n\r\f]/g, " ").trim()}\n`)
    .join("");
  const query = [...req.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => (v === "" ? k : `${k}=${v}`))
    .join("&");
  const resource = req.rawPath + (query ? `?${query}` : "");
  return `${req.method.toUpperCase()}\n${h("accept")}\n${h("content-md5")}\n${h("content-type")}\n${h("date")}\n${acsHeaders}${resource}`;
}

export function verifyRoaAcs(req: SignedRequest, signature: string, secret: string): void {
  const md5 = header(req, "content-md5");
  if (md5 && md5 !== createHash("md5").update(req.body).digest("base64")) {
    throw new AuthFailure("SignatureDoesNotMatch", "Specified signature is not matched with our calculation: content-md5 does not match the body.");
  }
  const stringToSign = roaStringToSign(req);
  const expected = Buffer.from(createHmac("sha1", secret).update(stringToSign, "utf8").digest("base64"));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AuthFailure(
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }
}
