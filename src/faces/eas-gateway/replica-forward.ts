import type { IncomingHttpHeaders } from "node:http";
import type { InvocationTarget } from "../../core/eas/eas-instance-operations.ts";

/** The replica could not be reached, or closed the connection before a whole answer. Retryable. */
export class ReplicaUnreachable extends Error {}
/** The replica took longer than the request timeout. Not retried: it may still be working. */
export class ReplicaTimeout extends Error {}

/** Hop-by-hop headers (RFC 9110 7.6.1) and those the gateway sets itself. */
const DROP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "host", "content-length", "authorization", "expect"]);

export interface ForwardRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: Buffer;
  readonly timeoutMs: number;
}

export interface ForwardAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * One attempt on one replica with Node's fetch (undici). The answer is read whole before it is
 * returned, so a replica that dies while sending counts as unreachable and the request can be
 * sent to another one.
 */
export async function forwardOnce(target: InvocationTarget, req: ForwardRequest): Promise<ForwardAnswer> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || DROP.has(k)) continue;
    headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  try {
    const response = await fetch(`http://${target.host}:${target.port}${req.path}`, {
      method: req.method,
      headers,
      ...(req.body && req.method !== "GET" && req.method !== "HEAD" ? { body: req.body } : {}),
      redirect: "manual",
      signal: timeout,
    });
    const body = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (!DROP.has(key) && key !== "content-encoding") out[key] = value;
    });
    return { status: response.status, headers: out, body };
  } catch (e) {
    if (timeout.aborted) throw new ReplicaTimeout(`no answer within ${req.timeoutMs} ms`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new ReplicaUnreachable(cause?.code ?? cause?.message ?? (e as Error).message);
  }
}
