import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { header, type SignedRequest } from "../../shared/signatures/signed-request.ts";

/**
 * Huawei AK/SK request signatures (CLIENTS.md 5.4, EAS_SERVICESTAGE.md B.9):
 * `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex>` and the derived-key
 * variant `V11-HMAC-SHA256 Credential=<AK>/<YYYYMMDD>/<region>/<service>, SignedHeaders=…, Signature=…`.
 * Only headers named in SignedHeaders are trusted; `host` and `x-sdk-date` must be among them.
 */
export type HuaweiAuthorization =
  | { readonly algorithm: "SDK-HMAC-SHA256"; readonly accessKeyId: string; readonly signedHeaders: readonly string[]; readonly signature: string }
  | { readonly algorithm: "V11-HMAC-SHA256"; readonly accessKeyId: string; readonly info: string; readonly signedHeaders: readonly string[]; readonly signature: string };

const SDK = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]{64})\s*$/;
const V11 = /^V11-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8}\/[^/,\s]+\/[^/,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]{64})\s*$/;
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Parses the Authorization header; undefined when it is not one of the two shapes. */
export function parseHuaweiAuthorization(value: string): HuaweiAuthorization | undefined {
  let m = SDK.exec(value);
  if (m) return { algorithm: "SDK-HMAC-SHA256", accessKeyId: m[1]!, signedHeaders: m[2]!.toLowerCase().split(";"), signature: m[3]!.toLowerCase() };
  m = V11.exec(value);
  if (m) return { algorithm: "V11-HMAC-SHA256", accessKeyId: m[1]!, info: m[2]!, signedHeaders: m[3]!.toLowerCase().split(";"), signature: m[4]!.toLowerCase() };
  return undefined;
}

/** Escapes everything but `A-Z a-z 0-9 - _ . ~` (UTF-8, upper-case hex), as the SDK signers do. */
export function hwenc(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * CanonicalURI: each segment of the path as sent encoded again (the Node core signs the encoded
 * path, so `%2F` becomes `%252F`), with a trailing `/`. `decodeFirst` gives the variant that
 * decodes each segment first (B.9.1; Python and APIG demo signers), which the verifier also accepts.
 */
export function canonicalUri(rawPath: string, decodeFirst = false): string {
  const joined = rawPath
    .split("/")
    .map((segment) => hwenc(decodeFirst ? safeDecode(segment) : segment))
    .join("/");
  return joined.endsWith("/") ? joined : `${joined}/`;
}

/** Sorted `enc(name)=enc(value)`, repeated names sorted by value (decoded values in, encoded out). */
export function canonicalQuery(pairs: readonly (readonly [string, string])[]): string {
  return [...pairs]
    .map(([k, v]) => [hwenc(k), hwenc(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function canonicalRequest(req: SignedRequest, signedHeaders: readonly string[], decodePath = false): string {
  const headers = signedHeaders.map((name) => `${name}:${(header(req, name) ?? "").trim()}\n`).join("");
  const payload = header(req, "x-sdk-content-sha256") ?? (req.body.length ? createHash("sha256").update(req.body).digest("hex") : EMPTY_BODY_SHA256);
  return [req.method.toUpperCase(), canonicalUri(req.rawPath, decodePath), canonicalQuery(req.query), headers, signedHeaders.join(";"), payload].join("\n");
}

/** Signature of SDK-HMAC-SHA256 over a canonical request. */
export function sdkSignature(secret: string, sdkDate: string, canonical: string): string {
  const stringToSign = `SDK-HMAC-SHA256\n${sdkDate}\n${sha256Hex(canonical)}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/**
 * Derived key of V11-HMAC-SHA256 (B.9.2): HKDF-SHA256 with IKM = SK, salt = AK, info =
 * `YYYYMMDD/region/service`, 32 bytes, hex; the signature's HMAC key is that hex text.
 */
export function derivedKey(accessKeyId: string, secret: string, info: string): string {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(accessKeyId, "utf8"), Buffer.from(info, "utf8"), 32)).toString("hex");
}

export function v11Signature(accessKeyId: string, secret: string, info: string, sdkDate: string, canonical: string): string {
  const stringToSign = `V11-HMAC-SHA256\n${sdkDate}\n${info}\n${sha256Hex(canonical)}`;
  return createHmac("sha256", derivedKey(accessKeyId, secret, info)).update(stringToSign).digest("hex");
}

/**
 * True when the request carries a valid signature by `secret`. Both CanonicalURI readings are
 * tried (they differ only for paths with escapes). The caller checks the date and the key.
 */
export function verifyHuaweiSignature(req: SignedRequest, auth: HuaweiAuthorization, secret: string): boolean {
  const sdkDate = header(req, "x-sdk-date") ?? "";
  for (const decodePath of [false, true]) {
    const canonical = canonicalRequest(req, auth.signedHeaders, decodePath);
    const expected =
      auth.algorithm === "SDK-HMAC-SHA256" ? sdkSignature(secret, sdkDate, canonical) : v11Signature(auth.accessKeyId, secret, auth.info, sdkDate, canonical);
    if (timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(auth.signature, "hex"))) return true;
    if (!/%/.test(req.rawPath)) break; // both readings are the same
  }
  return false;
}

/** `YYYYMMDDTHHMMSSZ` -> epoch ms; NaN when malformed. */
export function parseSdkDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
