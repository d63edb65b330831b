import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Client-side ACS3-HMAC-SHA256, the recipe of CLIENTS.md section 5.2 (what @alicloud/openapi-client
 * does). The CLI signs its own requests instead of importing the server's faces.
 */

/** encodeURIComponent plus ! ' ( ) * (RFC 3986, CLIENTS.md section 5). */
export const percentEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

export interface Acs3Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface Acs3Request {
  readonly method: string;
  /** Exactly what goes in the Host header, port included. */
  readonly host: string;
  /** Path as sent, already percent-encoded per segment. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers to send and sign when they are x-acs-* or content-type (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Fixed values for tests; normally now and 32 random bytes. */
  readonly date?: Date;
  readonly nonce?: string;
}

export interface SignedAcs3Request {
  /** "/path?query" to put on the request line. */
  readonly pathAndQuery: string;
  /** Every header to send, Authorization included. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** `2024-01-01T00:00:00Z`: UTC, no milliseconds (the x-acs-date format). */
export const acsDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Canonical and wire query: names sorted by code unit, `name=pct(value)` joined by `&`. */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(query[name]!)}`)
    .join("&");
}

export function signAcs3(request: Acs3Request, credentials: Acs3Credentials): SignedAcs3Request {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["host"] = request.host;
  headers["x-acs-date"] = acsDate(request.date ?? new Date());
  headers["x-acs-signature-nonce"] = request.nonce ?? randomBytes(32).toString("hex");
  headers["x-acs-content-sha256"] = sha256Hex(body);
  headers["accept"] ??= "application/json";

  const signed = Object.keys(headers)
    .filter((name) => name === "host" || name === "content-type" || name.startsWith("x-acs-"))
    .sort();
  const canonicalHeaders = signed.map((name) => `${name}:${headers[name]!.trim()}\n`).join("");
  const signedHeaders = signed.join(";");
  const query = canonicalQuery(request.query ?? {});
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.path,
    query,
    canonicalHeaders,
    signedHeaders,
    headers["x-acs-content-sha256"],
  ].join("\n");
  const stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonicalRequest);
  const signature = createHmac("sha256", credentials.accessKeySecret).update(stringToSign).digest("hex");
  headers["authorization"] =
    `ACS3-HMAC-SHA256 Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { pathAndQuery: query ? `${request.path}?${query}` : request.path, headers, body };
}
