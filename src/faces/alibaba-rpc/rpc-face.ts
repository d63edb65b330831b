import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Core } from "../../core/core.ts";
import type { Clock } from "../../core/shared/clock.ts";
import { newRequestId } from "../../core/shared/ids.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { RpcOperation } from "../shared/operation.ts";
import { ParamValidator } from "../shared/params.ts";
import { parsePairs } from "../shared/percent-encoding.ts";
import type { AccessKeyResolver, Authorizer, NonceStore, RequestObserver } from "../shared/ports.ts";
import { buildRequestContext } from "../shared/request-context.ts";
import { authenticateAlibaba } from "../shared/signatures/authenticate.ts";
import type { SignedRequest } from "../shared/signatures/signed-request.ts";
import { ProtocolError } from "./errors.ts";
import { authorizeOperation } from "./authorize-operation.ts";
import { sendAlibabaError, sendAlibabaSuccess, type ResponseFormat } from "./respond.ts";

export interface AlibabaRpcDeps {
  readonly operations: readonly RpcOperation[];
  readonly resolveKey: AccessKeyResolver;
  readonly nonces: NonceStore;
  readonly authorizer: Authorizer;
  readonly observer?: RequestObserver;
  readonly core: Core;
  readonly clock: Clock;
  readonly log: Logger;
}

const FACE = "alibaba-rpc";
const EMPTY = Buffer.alloc(0);

/**
 * The Alibaba RPC face: `GET /` and `POST /`, dispatching on (Version, Action) taken from the
 * parameters (signature V1) or the x-acs-version/x-acs-action headers (ACS3, which puts neither
 * in the URL: CLIENTS.md 4.2). Request flow (STYLE.md section 3): route, parse, authenticate,
 * validate, authorize, run, serialize. Every answer carries RequestId; every failure is in the
 * vendor's envelope.
 */
export function registerAlibabaRpcFace(app: FastifyInstance, deps: AlibabaRpcDeps): void {
  const byKey = new Map<string, RpcOperation>();
  const productByVersion = new Map<string, string>();
  for (const op of deps.operations) {
    const key = `${op.version}|${op.action.toLowerCase()}`;
    if (byKey.has(key)) throw new Error(`Operation ${op.version} ${op.action} is registered twice.`);
    byKey.set(key, op);
    productByVersion.set(op.version, op.product);
  }
  const validator = new ParamValidator();

  app.register(async (scope) => {
    // Bodies are read raw: V1 signs form fields and ACS3 signs the body's hash, so nothing may be
    // re-encoded before verification. No content type is ever refused (no 415 from the framework).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    const handler = (req: FastifyRequest, reply: FastifyReply) => handle(req, reply);
    scope.route({ method: ["GET", "POST"], url: "/", handler });
  });

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = newRequestId();
    const host = req.headers.host ?? "";
    let format: ResponseFormat = "JSON";
    let op: RpcOperation | undefined;
    let product = "";
    try {
      const signed = readRequest(req);
      const params: Record<string, string> = {};
      for (const [k, v] of signed.query) params[k] = v;
      for (const [k, v] of signed.form) params[k] = v;
      if (params.Format?.toUpperCase() === "XML") format = "XML";
      const action = headerValue(req, "x-acs-action") ?? params.Action;
      const version = headerValue(req, "x-acs-version") ?? params.Version;
      product = (version && productByVersion.get(version)) || "";
      if (!action) throw new ProtocolError("MissingAction", "Action is mandatory for this action.");
      if (!version || !productByVersion.has(version)) {
        throw new ProtocolError("InvalidVersion", `Specified parameter Version is not valid: ${version ?? "(none)"}.`);
      }
      op = byKey.get(`${version}|${action.toLowerCase()}`);
      if (!op) throw new ProtocolError("InvalidAction.NotFound", `Specified api is not found, please check your url and method: ${action}.`);

      const auth = await authenticateAlibaba(signed, params, deps);
      const input = validator.parse(op.params, params);
      const region = typeof input.RegionId === "string" && input.RegionId ? input.RegionId : deps.core.regions.defaultRegion;
      if (typeof input.RegionId === "string" && input.RegionId) deps.core.regions.require(input.RegionId);
      const ctx = buildRequestContext(
        {
          requestId,
          caller: auth.principal,
          regionId: region,
          host,
          sourceIp: req.ip,
          secureTransport: req.protocol === "https",
          core: deps.core,
          clock: deps.clock,
        },
        deps.log,
        op.action,
      );
      await authorizeOperation(deps.authorizer, ctx, op, input);
      const result = await op.run(ctx, input as never);
      sendAlibabaSuccess(reply, requestId, op.action, result, format);
    } catch (err) {
      sendAlibabaError(reply, err, { requestId, host, product, action: op?.action, format, log: deps.log });
    } finally {
      deps.observer?.observe(FACE, op?.action ?? "unknown", reply.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v || undefined;
}

/** The raw request as the signatures see it; a malformed escape is an InvalidParameter. */
function readRequest(req: FastifyRequest): SignedRequest {
  const url = req.raw.url ?? "/";
  const q = url.indexOf("?");
  const query = parsePairs(q < 0 ? "" : url.slice(q + 1));
  const body = Buffer.isBuffer(req.body) ? req.body : EMPTY;
  const isForm = (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  const form = isForm ? parsePairs(body.toString("utf8")) : [];
  if (!query || !form) {
    throw new ProtocolError("IncompleteSignature", "The request is not well formed: a parameter has a malformed percent-escape.");
  }
  return { method: req.method, rawPath: q < 0 ? url : url.slice(0, q), query, form, headers: req.headers, body };
}
