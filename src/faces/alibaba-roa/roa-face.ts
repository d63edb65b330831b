import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Core } from "../../core/core.ts";
import type { Clock } from "../../core/shared/clock.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { newRequestId } from "../../core/shared/ids.ts";
import type { Logger } from "../../core/shared/logger.ts";
import { ParamValidator } from "../shared/params.ts";
import { decodeComponent, parsePairs } from "../shared/percent-encoding.ts";
import type { AccessKeyResolver, Authorizer, NonceStore, RequestObserver } from "../shared/ports.ts";
import { buildRequestContext } from "../shared/request-context.ts";
import { authenticateAlibaba } from "../shared/signatures/authenticate.ts";
import { AuthFailure } from "../shared/signatures/auth-failure.ts";
import type { RoaOperation } from "./roa-operation.ts";

export interface AlibabaRoaDeps {
  readonly operations: readonly RoaOperation[];
  readonly resolveKey: AccessKeyResolver;
  readonly nonces: NonceStore;
  readonly authorizer: Authorizer;
  readonly observer?: RequestObserver;
  readonly core: Core;
  readonly clock: Clock;
  readonly log: Logger;
  /** Maps anything thrown to {status, code, message}; the product face (EAS) supplies its table. */
  readonly toError: (err: unknown) => { status: number; code: string; message: string; unexpected: boolean };
  /** Region of a request that names none: from the host (`pai-eas.{region}.aliyuncs.com`) or the default. */
  readonly regionFromHost?: (host: string) => string | undefined;
}

const FACE = "alibaba-roa";

/**
 * The Alibaba ROA face: each operation is a REST route. Requests are signed with ACS3 or the
 * `acs` HMAC-SHA1 header scheme (CLIENTS.md 5.2, 5.3); path parameters are percent-decoded;
 * the JSON body is read raw so its hash and MD5 can be checked.
 */
export function registerAlibabaRoaFace(app: FastifyInstance, deps: AlibabaRoaDeps): void {
  const validator = new ParamValidator();
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    for (const op of deps.operations) {
      const url = op.path.replace(/\{(\w+)\}/g, ":$1");
      scope.route({ method: op.method, url, handler: (req, reply) => handle(op, req, reply) });
    }
  });

  async function handle(op: RoaOperation, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = newRequestId();
    const host = req.headers.host ?? "";
    try {
      const url = req.raw.url ?? "/";
      const q = url.indexOf("?");
      const query = parsePairs(q < 0 ? "" : url.slice(q + 1));
      if (!query) throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "A query parameter has a malformed percent-escape.");
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signed = { method: req.method, rawPath: q < 0 ? url : url.slice(0, q), query, form: [], headers: req.headers, body };
      const auth = await authenticateAlibaba(signed, {}, deps);
      if (auth.scheme === "rpc-v1") throw new AuthFailure("IncompleteSignature", "ROA requests are signed in the Authorization header.");
      const flat: Record<string, string> = {};
      for (const [k, v] of query) flat[k] = v;
      for (const [k, v] of Object.entries(req.params as Record<string, string>)) flat[k] = decodeComponent(v) ?? v;
      const input = validator.parse(op.params, flat);
      let parsedBody: unknown;
      if (op.body) {
        try {
          parsedBody = body.length ? JSON.parse(body.toString("utf8")) : {};
        } catch {
          throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "The request body is not valid JSON.", { parameter: "body" });
        }
        validator.check(op.body, parsedBody);
      }
      const named = (input.ClusterId ?? input.RegionId) as string | undefined;
      const region = named || deps.regionFromHost?.(host) || deps.core.regions.defaultRegion;
      deps.core.regions.require(region, input.ClusterId ? "ClusterId" : "RegionId");
      const ctx = buildRequestContext(
        { requestId, caller: auth.principal, regionId: region, host, sourceIp: req.ip, secureTransport: req.protocol === "https", core: deps.core, clock: deps.clock },
        deps.log,
        op.action,
      );
      const resource = op.iam.resource.replace(/\{(\w+)\}/g, (_m, n: string) => String(input[n] ?? "*"));
      const arn = resource === "*" ? "*" : `acs:${op.iam.action.split(":")[0]}:${region}:${auth.principal.accountId}:${resource}`;
      const decision = await deps.authorizer.authorize({ caller: auth.principal, action: op.iam.action, resource: arn, sourceIp: req.ip, secureTransport: ctx.secureTransport });
      if (!decision.allowed) throw new DomainError("PermissionDenied", "ACCESS_DENIED", `You are not authorized to do ${op.iam.action} on ${arn}.`);
      const result = await op.run(ctx, input as never, parsedBody as never);
      reply.code(op.successStatus ?? 200).type("application/json;charset=utf-8").send(JSON.stringify({ RequestId: requestId, ...result }));
    } catch (err) {
      const e = deps.toError(err);
      if (e.unexpected) deps.log.error({ requestId, action: op.action, err: err instanceof Error ? err.stack : String(err) }, "Failed request");
      reply.code(e.status).type("application/json;charset=utf-8").send(JSON.stringify({ RequestId: requestId, Code: e.code, Message: e.message }));
    } finally {
      deps.observer?.observe(FACE, op.action, reply.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}
