import type { IncomingHttpHeaders } from "node:http";
import { Agent, errors, type Dispatcher } from "undici";
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
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * One undici agent for every replica: a keep-alive pool per host:port, so each replica keeps warm
 * connections. undici, not node:http: its client does a fraction of node:http's work per request
 * (docs/benchmarks.md, PAI-EAS gateway). It honours the replica's `Keep-Alive: timeout` hint;
 * a reused connection that the replica closed anyway is retried once on a fresh one.
 */
const dispatcher = new Agent({ connections: 256, pipelining: 1, keepAliveTimeout: 4000 });

/** A reused keep-alive connection that the replica had closed before answering: send again. */
class StaleSocket extends ReplicaUnreachable {}

/**
 * One attempt on one replica. The answer is read whole before it is returned (answers are small;
 * a replica that dies while sending must count as unreachable so the request can go to another
 * one). timeoutMs bounds the wait for the answer's headers and each pause in its body.
 */
export async function forwardOnce(target: InvocationTarget, req: ForwardRequest): Promise<ForwardAnswer> {
  try {
    return await attempt(target, req);
  } catch (e) {
    if (!(e instanceof StaleSocket)) throw e;
    return attempt(target, req);
  }
}

async function attempt(target: InvocationTarget, req: ForwardRequest): Promise<ForwardAnswer> {
  const headers: Record<string, string | string[]> = {};
  for (const key in req.headers) {
    const v = req.headers[key];
    if (v === undefined || DROP.has(key)) continue;
    headers[key] = v;
  }
  const body = req.body && req.method !== "GET" && req.method !== "HEAD" ? req.body : undefined;
  try {
    const res = await dispatcher.request({
      origin: `http://${target.host}:${target.port}`,
      method: req.method as Dispatcher.HttpMethod,
      path: req.path,
      headers,
      body: body ?? null,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const answer = Buffer.from(await res.body.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    for (const key in res.headers) {
      const v = res.headers[key];
      if (v !== undefined && !DROP.has(key)) out[key] = v;
    }
    return { status: res.statusCode, headers: out, body: answer };
  } catch (e) {
    throw unreachable(e, req.timeoutMs);
  }
}

function unreachable(e: unknown, timeoutMs: number): Error {
  if (e instanceof errors.HeadersTimeoutError || e instanceof errors.BodyTimeoutError) return new ReplicaTimeout(`no answer within ${timeoutMs} ms`);
  // Closed with nothing read: the replica dropped an idle pooled connection as we reused it.
  if (e instanceof errors.SocketError && e.socket?.bytesRead === 0) return new StaleSocket(e.message);
  const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
  return new ReplicaUnreachable(cause?.code ?? (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e)));
}
