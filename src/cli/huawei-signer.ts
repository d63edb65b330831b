import { createHash, createHmac } from "node:crypto";

/**
 * Client-side Huawei SDK-HMAC-SHA256 (CLIENTS.md 5.4, EAS_SERVICESTAGE.md B.9.1; what the signer of
 * @huaweicloud/huaweicloud-sdk-core does). The CLI signs its own requests instead of importing the
 * server's faces.
 */

export interface HuaweiKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface HuaweiRequest {
  readonly method: string;
  /** Exactly what goes in the Host header, port included. */
  readonly host: string;
  /** Path as sent, each segment already percent-encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Extra headers, all sent and signed (e.g. content-type, x-project-id). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Fixed time for tests; normally now. */
  readonly date?: Date;
}

export interface SignedHuaweiRequest {
  /** "/path?query" to put on the request line. */
  readonly pathAndQuery: string;
  /** Every header to send, Authorization included. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Escapes everything but `A-Z a-z 0-9 - _ . ~` (UTF-8, upper-case hex). */
export const hwEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

/** `YYYYMMDDTHHMMSSZ`, UTC (the X-Sdk-Date format). */
export const sdkDate = (date: Date): string => date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");

/** Each segment of the path as sent encoded once more, with a trailing `/` (as the Node core signs). */
export function huaweiCanonicalUri(path: string): string {
  const joined = path.split("/").map(hwEncode).join("/");
  return joined.endsWith("/") ? joined : `${joined}/`;
}

/** Sorted `enc(name)=enc(value)` joined by `&`: the canonical and the wire query alike. */
export function huaweiCanonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([k, v]) => [hwEncode(k), hwEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Signs every header sent (host and x-sdk-date included) with `SDK-HMAC-SHA256 Access=…`. */
export function signHuawei(request: HuaweiRequest, key: HuaweiKey): SignedHuaweiRequest {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["host"] = request.host;
  headers["x-sdk-date"] = sdkDate(request.date ?? new Date());
  const signed = Object.keys(headers).sort();
  const canonicalHeaders = signed.map((name) => `${name}:${headers[name]!.trim()}\n`).join("");
  const query = huaweiCanonicalQuery(request.query ?? {});
  const canonicalRequest = [
    request.method.toUpperCase(),
    huaweiCanonicalUri(request.path),
    query,
    canonicalHeaders,
    signed.join(";"),
    sha256Hex(body),
  ].join("\n");
  const stringToSign = `SDK-HMAC-SHA256\n${headers["x-sdk-date"]}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", key.accessKeySecret).update(stringToSign).digest("hex");
  headers["authorization"] = `SDK-HMAC-SHA256 Access=${key.accessKeyId}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
  return { pathAndQuery: query ? `${request.path}?${query}` : request.path, headers, body };
}
