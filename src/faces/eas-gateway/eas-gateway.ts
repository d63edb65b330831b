import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Core } from "../../core/core.ts";
import type { InvocationTarget } from "../../core/eas/eas-instance-operations.ts";
import { isDomainError } from "../../core/shared/domain-error.ts";
import { newRequestId } from "../../core/shared/ids.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { RequestObserver } from "../shared/ports.ts";
import { forwardOnce, ReplicaUnreachable, ReplicaTimeout } from "./replica-forward.ts";

export interface EasGatewayDeps {
  readonly core: Core;
  readonly log: Logger;
  readonly observer?: RequestObserver;
  /** Per-request timeout toward a replica when the spec sets no metadata.rpc.keepalive (ms). */
  readonly defaultTimeoutMs?: number;
}

const FACE = "eas-gateway";
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;

/**
 * The invocation gateway: `/api/predict/{service_name}[/path]` on nestbox's port, as EAS serves
 * `http://{uid}.{region}.pai-eas.aliyuncs.com/api/predict/{name}` (A.3.1). It checks the service's
 * AccessToken in Authorization, counts the request for the qps autoscaler, and forwards it to
 * one of the service's ready, non-isolated instances, round robin. A replica that cannot be
 * reached or drops the connection before answering is taken out of this request and the next
 * one is tried, so a replica dying mid-way loses nothing another ready replica can serve.
 * Forwarding uses undici, keep-alive pooled per replica.
 */
export function registerEasGateway(app: FastifyInstance, deps: EasGatewayDeps): void {
  const next = new Map<string, number>();
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.route({ method: [...METHODS], url: "/api/predict/:name", handler: (req, reply) => handle(req, reply) });
    scope.route({ method: [...METHODS], url: "/api/predict/:name/*", handler: (req, reply) => handle(req, reply) });
  });

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = newRequestId();
    const params = req.params as { name: string; "*"?: string };
    try {
      const regionId = regionOf(req.headers.host ?? "") ?? deps.core.regions.defaultRegion;
      const { service, targets } = await deps.core.eas.instances.invocationTargets(regionId, params.name, tokenOf(req.headers.authorization));
      deps.core.eas.instances.recordInvocation(service.id);
      if (targets.length === 0) return unavailable(reply, requestId, `Service ${service.name} has no ready instance to serve the request (status ${service.status}); try again when an instance is ready.`);
      const url = req.raw.url ?? "/";
      const q = url.indexOf("?");
      const path = `/${params["*"] ?? ""}${q < 0 ? "" : url.slice(q)}`;
      const body = Buffer.isBuffer(req.body) ? req.body : undefined;
      const timeoutMs = keepaliveOf(service.spec) ?? deps.defaultTimeoutMs ?? 60_000;
      const start = next.get(service.id) ?? 0;
      next.set(service.id, (start + 1) % 1_000_000);
      let lastError = "";
      for (let attempt = 0; attempt < targets.length; attempt++) {
        const target: InvocationTarget = targets[(start + attempt) % targets.length]!;
        try {
          const answer = await forwardOnce(target, { method: req.method, path, headers: req.headers, ...(body ? { body } : {}), timeoutMs });
          reply.code(answer.status).headers(answer.headers).header("x-eas-instance", target.instanceName).send(answer.body);
          return;
        } catch (e) {
          if (e instanceof ReplicaTimeout) {
            reply.code(408).type("application/json").send(JSON.stringify({ RequestId: requestId, Code: "RequestTimeout", Message: `Instance ${target.instanceName} did not answer within ${timeoutMs} ms.` }));
            return;
          }
          if (!(e instanceof ReplicaUnreachable)) throw e;
          lastError = `${target.instanceName}: ${e.message}`;
          deps.log.debug({ requestId, service: service.name, instance: target.instanceName, err: e.message }, "Retried request on another instance");
        }
      }
      return unavailable(reply, requestId, `No instance of service ${service.name} could serve the request (last: ${lastError}).`);
    } catch (e) {
      if (isDomainError(e) && e.kind === "NotFound") return send(reply, 404, requestId, "ServiceNotFound", e.message);
      if (isDomainError(e) && e.kind === "Unauthenticated") return send(reply, 401, requestId, "Unauthorized", e.message);
      deps.log.error({ requestId, err: e instanceof Error ? e.stack : String(e) }, "Failed invocation");
      return send(reply, 500, requestId, "InternalError", "The gateway failed to forward the request.");
    } finally {
      deps.observer?.observe(FACE, "Predict", reply.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

function send(reply: FastifyReply, status: number, requestId: string, code: string, message: string): void {
  reply.code(status).type("application/json").send(JSON.stringify({ RequestId: requestId, Code: code, Message: message }));
}

const unavailable = (reply: FastifyReply, requestId: string, message: string) => send(reply, 503, requestId, "ServiceUnavailable", message);

/** EAS clients send the token as the whole Authorization value; a Bearer prefix is accepted too. */
function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1] : header.trim();
}

/** `{uid}.{region}.pai-eas.aliyuncs.com` or `pai-eas.{region}.aliyuncs.com`; else the default. */
function regionOf(host: string): string | undefined {
  const h = host.replace(/:\d+$/, "").toLowerCase();
  return /(?:^|\.)([a-z0-9-]+)\.pai-eas\.aliyuncs\.com$/.exec(h)?.[1] ?? /^pai-eas\.([a-z0-9-]+)\.aliyuncs\.com$/.exec(h)?.[1];
}

/** metadata.rpc.keepalive (ms) is the per-request timeout (A.5). */
function keepaliveOf(spec: Record<string, unknown>): number | undefined {
  const rpc = (spec.metadata as { rpc?: { keepalive?: unknown } } | undefined)?.rpc;
  return typeof rpc?.keepalive === "number" && rpc.keepalive > 0 ? rpc.keepalive : undefined;
}
