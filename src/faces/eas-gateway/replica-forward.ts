import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
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
 * One keep-alive agent for every replica: sockets are pooled per host:port, so each replica
 * keeps warm connections (no TCP handshake per request). Node drops an idle socket a second
 * before the replica's `Keep-Alive: timeout` hint, else after 4 s; a reused socket that the
 * replica closed anyway is retried once on a fresh one.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 4000, scheduling: "lifo" });

/** A reused keep-alive socket that the replica had closed: nothing was processed, send again. */
class StaleSocket extends ReplicaUnreachable {}

/**
 * One attempt on one replica over node:http. The answer is read whole before it is returned
 * (answers are small; a replica that dies while sending must count as unreachable so the request
 * can go to another one).
 */
export async function forwardOnce(target: InvocationTarget, req: ForwardRequest): Promise<ForwardAnswer> {
  try {
    return await attempt(target, req);
  } catch (e) {
    if (!(e instanceof StaleSocket)) throw e;
    return attempt(target, req);
  }
}

function attempt(target: InvocationTarget, req: ForwardRequest): Promise<ForwardAnswer> {
  const headers: OutgoingHttpHeaders = {};
  for (const key in req.headers) {
    const v = req.headers[key];
    if (v === undefined || DROP.has(key)) continue;
    headers[key] = v;
  }
  const body = req.body && req.method !== "GET" && req.method !== "HEAD" ? req.body : undefined;
  if (body) headers["content-length"] = body.length;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const outgoing = request({ host: target.host, port: target.port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        if (!res.complete) return reject(new ReplicaUnreachable("the connection closed before the whole answer"));
        const out: Record<string, string | string[]> = {};
        for (const key in res.headers) {
          const v = res.headers[key];
          if (v !== undefined && !DROP.has(key)) out[key] = v;
        }
        resolve({ status: res.statusCode ?? 502, headers: out, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) });
      });
      res.on("error", (e) => {
        clearTimeout(timer);
        reject(timedOut ? new ReplicaTimeout(`no answer within ${req.timeoutMs} ms`) : new ReplicaUnreachable((e as NodeJS.ErrnoException).code ?? e.message));
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      outgoing.destroy(new Error("timeout"));
    }, req.timeoutMs);
    outgoing.on("error", (e) => {
      clearTimeout(timer);
      const code = (e as NodeJS.ErrnoException).code;
      if (!timedOut && outgoing.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) return reject(new StaleSocket(code));
      reject(timedOut ? new ReplicaTimeout(`no answer within ${req.timeoutMs} ms`) : new ReplicaUnreachable((e as NodeJS.ErrnoException).code ?? e.message));
    });
    outgoing.end(body);
  });
}
