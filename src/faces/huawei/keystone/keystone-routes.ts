import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Core } from "../../../core/core.ts";
import { domainId, projectsOf } from "../../../core/servicestage/projects.ts";
import type { Clock } from "../../../core/shared/clock.ts";
import type { Logger } from "../../../core/shared/logger.ts";
import type { SignedRequest } from "../../shared/signatures/signed-request.ts";
import { toHuaweiError } from "../errors.ts";
import type { HuaweiCaller } from "../huawei-authenticate.ts";
import type { PasswordVerifier, TokenVerifier } from "./tokens.ts";
import type { TokenIssuer } from "./token-issuer.ts";

export interface KeystoneDeps {
  readonly core: Core;
  readonly clock: Clock;
  readonly log: Logger;
  readonly tokens?: TokenVerifier & TokenIssuer;
  readonly passwords?: PasswordVerifier;
  readonly signedRequestOf: (req: FastifyRequest) => Promise<SignedRequest>;
  readonly authenticate: (req: SignedRequest) => Promise<HuaweiCaller>;
}

/** Tokens live this long (Keystone's default is 24 hours). */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * The two IAM calls the SDKs and the CLI make (B.9.3): GET /v3/projects?name={region} (AK/SK
 * signed; the SDK's project-id discovery) and POST /v3/auth/tokens (password method; the token
 * comes back in X-Subject-Token). Each account has one project per configured region.
 */
export function registerKeystoneRoutes(scope: FastifyInstance, deps: KeystoneDeps): void {
  scope.get("/v3/projects", async (req, reply) => {
    const requestId = newId();
    try {
      const caller = await deps.authenticate(await deps.signedRequestOf(req));
      const q = req.query as Record<string, string | undefined>;
      const accountId = caller.principal.accountId;
      const base = `${req.protocol}://${req.headers.host ?? ""}/v3/projects`;
      const projects = projectsOf(accountId, deps.core.regions.ids)
        .filter((p) => (q.name === undefined || p.regionId === q.name) && (q.id === undefined || p.id === q.id))
        .filter((p) => !caller.tokenProjectId || p.id === caller.tokenProjectId)
        .map((p) => ({
          id: p.id,
          name: p.regionId,
          domain_id: domainId(accountId),
          description: "",
          enabled: true,
          is_domain: false,
          parent_id: domainId(accountId),
          links: { self: `${base}/${p.id}` },
        }));
      reply.header("X-Request-Id", requestId).type("application/json;charset=utf-8").send(JSON.stringify({ projects, links: { self: base, previous: null, next: null } }));
    } catch (err) {
      sendGatewayError(reply, requestId, err, deps.log);
    }
  });

  scope.post("/v3/auth/tokens", async (req, reply) => {
    const requestId = newId();
    reply.header("X-Request-Id", requestId);
    let body: any;
    try {
      body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "{}");
    } catch {
      return keystoneError(reply, 400, "Bad Request", "The request body is not valid JSON.");
    }
    const identity = body?.auth?.identity;
    const methods: unknown = identity?.methods;
    const user = identity?.password?.user;
    if (!Array.isArray(methods) || !methods.includes("password") || typeof user?.name !== "string" || typeof user?.password !== "string") {
      return keystoneError(reply, 400, "Bad Request", "Only the password method is supported: auth.identity.password.user {name, password, domain.name}.");
    }
    const login = deps.passwords && deps.tokens ? await deps.passwords.verify({ userName: user.name, password: user.password, ...(typeof user.domain?.name === "string" ? { domainName: user.domain.name } : {}) }) : undefined;
    if (!login || !deps.tokens) return keystoneError(reply, 401, "Unauthorized", "The username or password is wrong.");
    const { principal } = login;
    const scoped = body?.auth?.scope?.project;
    const projects = projectsOf(principal.accountId, deps.core.regions.ids);
    const project = scoped ? projects.find((p) => p.id === scoped.id || p.regionId === scoped.name) : undefined;
    if (scoped && !project) return keystoneError(reply, 401, "Unauthorized", "The project in the scope does not exist for this user.");
    const issuedAt = deps.clock.now().getTime();
    const expiresAt = issuedAt + TOKEN_LIFETIME_MS;
    const token = deps.tokens.issue({ principal, issuedAt, expiresAt, ...(project ? { projectId: project.id } : {}) });
    const domain = { id: domainId(principal.accountId), name: login.domainName };
    reply
      .code(201)
      .header("X-Subject-Token", token)
      .type("application/json;charset=utf-8")
      .send(
        JSON.stringify({
          token: {
            expires_at: new Date(expiresAt).toISOString(),
            issued_at: new Date(issuedAt).toISOString(),
            methods: ["password"],
            user: { id: principal.principalId ?? principal.accountId, name: principal.displayName, domain, password_expires_at: "" },
            ...(project ? { project: { id: project.id, name: project.regionId, domain } } : { domain }),
            catalog: [],
            roles: [],
          },
        }),
      );
  });
}

const newId = () => crypto.randomUUID().replace(/-/g, "");

function keystoneError(reply: FastifyReply, code: number, title: string, message: string): void {
  reply.code(code).type("application/json;charset=utf-8").send(JSON.stringify({ error: { code, title, message } }));
}

function sendGatewayError(reply: FastifyReply, requestId: string, err: unknown, log: Logger): void {
  const e = toHuaweiError(err);
  if (e.unexpected) log.error({ requestId, err: err instanceof Error ? err.stack : String(err) }, "Failed request");
  reply
    .code(e.status)
    .header("X-Request-Id", requestId)
    .type("application/json;charset=utf-8")
    .send(JSON.stringify({ error_code: e.errorCode, error_msg: e.message, request_id: requestId }));
}
