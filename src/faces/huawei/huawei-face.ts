import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Core } from "../../core/core.ts";
import { resolveProject } from "../../core/servicestage/projects.ts";
import type { Clock } from "../../core/shared/clock.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { Logger } from "../../core/shared/logger.ts";
import { decodeComponent, parsePairs } from "../shared/percent-encoding.ts";
import type { AccessKeyResolver, Authorizer, RequestObserver } from "../shared/ports.ts";
import { buildRequestContext } from "../shared/request-context.ts";
import type { SignedRequest } from "../shared/signatures/signed-request.ts";
import { HUAWEI_PROTOCOL_ERRORS, toHuaweiError } from "./errors.ts";
import { authenticateHuawei, type HuaweiCaller } from "./huawei-authenticate.ts";
import type { HuaweiOperation } from "./huawei-operation.ts";
import { registerKeystoneRoutes } from "./keystone/keystone-routes.ts";
import type { PasswordVerifier, TokenVerifier } from "./keystone/tokens.ts";
import type { TokenIssuer } from "./keystone/token-issuer.ts";

export interface HuaweiFaceDeps {
  readonly operations: readonly HuaweiOperation[];
  readonly resolveKey: AccessKeyResolver;
  readonly authorizer: Authorizer;
  readonly observer?: RequestObserver;
  readonly core: Core;
  readonly clock: Clock;
  readonly log: Logger;
  /** Keystone tokens (X-Auth-Token); without them only AK/SK is accepted. */
  readonly tokens?: TokenVerifier & TokenIssuer;
  readonly passwords?: PasswordVerifier;
}

const FACE = "huawei";

/** Huawei request ids: 32 lower-case hex characters. */
export const newHuaweiRequestId = (): string => randomUUID().replace(/-/g, "");

/**
 * The Huawei face: REST under /v2/{project_id}/… (ServiceStage) and the Keystone-style
 * /v3/projects and /v3/auth/tokens. Flow: request id, authenticate (AK/SK or token), resolve the
 * project (one per account and region), authorize, parse, run, answer JSON. Every answer carries
 * X-Request-Id; every failure is {error_code, error_msg} (B.10).
 */
export function registerHuaweiFace(app: FastifyInstance, deps: HuaweiFaceDeps): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    for (const op of deps.operations) {
      const url = op.path.replace(/\{(\w+)\}/g, ":$1");
      scope.route({ method: op.method, url, handler: (req, reply) => handle(op, req, reply) });
    }
    registerKeystoneRoutes(scope, { ...deps, signedRequestOf, authenticate });
    const unknown = async (req: FastifyRequest, reply: FastifyReply) => {
      const e = HUAWEI_PROTOCOL_ERRORS.API_NOT_FOUND;
      sendError(reply, newHuaweiRequestId(), e.status, e.errorCode, `The API does not exist or has not been published in the environment: ${req.method} ${req.url.split("?")[0]}`);
    };
    scope.all("/v2/*", unknown);
    scope.all("/v3/*", unknown);
  });

  function authenticate(req: SignedRequest): Promise<HuaweiCaller> {
    return authenticateHuawei(req, { resolveKey: deps.resolveKey, clock: deps.clock, ...(deps.tokens ? { tokens: deps.tokens } : {}) });
  }

  async function handle(op: HuaweiOperation, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = newHuaweiRequestId();
    try {
      const signed = await signedRequestOf(req);
      const caller = await authenticate(signed);
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.params as Record<string, string>)) params[k] = decodeComponent(v) ?? v;
      if (caller.tokenProjectId && caller.tokenProjectId !== params.project_id) {
        throw new DomainError("PermissionDenied", "ACCESS_DENIED", `The token is scoped to project ${caller.tokenProjectId}, not ${params.project_id}.`);
      }
      const project = resolveProject(caller.principal.accountId, params.project_id ?? "", deps.core.regions.ids);
      const query: Record<string, string> = {};
      for (const [k, v] of signed.query) query[k] = v;
      const body = parseBody(signed.body, op.method);
      const host = req.headers.host ?? "";
      const base = buildRequestContext(
        { requestId, caller: caller.principal, regionId: project.regionId, host, sourceIp: req.ip, secureTransport: req.protocol === "https", core: deps.core, clock: deps.clock },
        deps.log,
        op.action,
      );
      const ctx = Object.assign(Object.create(base) as typeof base, { project });
      const resource = op.iam.resource.replace(/\{(\w+)\}/g, (_m, n: string) => params[n] ?? "*");
      const urn = `${op.iam.action.split(":")[0]}:${project.regionId}:${project.accountId}:${resource}`;
      const decision = await deps.authorizer.authorize({ caller: caller.principal, action: op.iam.action, resource: urn, sourceIp: req.ip, secureTransport: base.secureTransport });
      if (!decision.allowed) throw new DomainError("PermissionDenied", "ACCESS_DENIED", `Policy doesn't allow ${op.iam.action} to be performed on ${urn}.`);
      const result = await op.run(ctx, { params, query, body });
      reply.header("X-Request-Id", requestId);
      if (result === undefined || op.successStatus === 204) {
        reply.code(204).send();
        return;
      }
      reply.code(op.successStatus ?? 200).type("application/json;charset=utf-8").send(JSON.stringify(result));
    } catch (err) {
      const e = toHuaweiError(err);
      if (e.unexpected) deps.log.error({ requestId, action: op.action, err: err instanceof Error ? err.stack : String(err) }, "Failed request");
      sendError(reply, requestId, e.status, e.errorCode, e.message);
    } finally {
      deps.observer?.observe(FACE, op.action, reply.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/** The parts a signature covers. A malformed query escape is a 400. */
export async function signedRequestOf(req: FastifyRequest): Promise<SignedRequest> {
  const url = req.raw.url ?? "/";
  const q = url.indexOf("?");
  const query = parsePairs(q < 0 ? "" : url.slice(q + 1));
  if (!query) throw new DomainError("InvalidArgument", "SERVICESTAGE_INVALID_PARAMETER", "A query parameter has a malformed percent-escape.");
  const body = Buffer.isBuffer(req.body) ? req.body : await bodyOfBodylessMethod(req);
  return { method: req.method, rawPath: q < 0 ? url : url.slice(0, q), query, form: [], headers: req.headers, body };
}

/** A GET body is signed too: the Huawei core sends `{}` on its IAM GETs (B.9.3). */
const MAX_BODYLESS_METHOD_BODY = 64 * 1024;

/**
 * Fastify does not read the body of GET/HEAD requests, but the Huawei core signs the bytes it
 * sends: its IAM calls (`GET /v3/projects?name=…`) carry a `{}` JSON body, hashed into the
 * signature. Read those bytes from the unconsumed stream so the signature verifies.
 */
async function bodyOfBodylessMethod(req: FastifyRequest): Promise<Buffer> {
  const raw = req.raw;
  const length = Number(raw.headers["content-length"] ?? 0);
  if (raw.readableEnded || (!(length > 0) && raw.headers["transfer-encoding"] === undefined)) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODYLESS_METHOD_BODY) throw new DomainError("InvalidArgument", "SERVICESTAGE_INVALID_PARAMETER", `A ${req.method} request body must not exceed ${MAX_BODYLESS_METHOD_BODY} bytes.`, { parameter: "body" });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseBody(body: Buffer, method: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new DomainError("InvalidArgument", "SERVICESTAGE_INVALID_PARAMETER", "The request body is not valid JSON.", { parameter: "body" });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    if (method === "GET" || method === "DELETE") return {};
    throw new DomainError("InvalidArgument", "SERVICESTAGE_INVALID_PARAMETER", "The request body must be a JSON object.", { parameter: "body" });
  }
  return parsed as Record<string, unknown>;
}

export function sendError(reply: FastifyReply, requestId: string, status: number, code: string, message: string): void {
  reply
    .code(status)
    .header("X-Request-Id", requestId)
    .type("application/json;charset=utf-8")
    .send(JSON.stringify({ error_code: code, error_msg: message, error_message: message, request_id: requestId }));
}
