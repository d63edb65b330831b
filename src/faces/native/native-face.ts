import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "../../core/shared/logger.ts";
import type { RequestObserver } from "../shared/ports.ts";
import { registerAccessKeyRoutes } from "./access-key-routes.ts";
import { registerAccountRoutes } from "./account-routes.ts";
import { registerMarketRoutes, type NativeMarketDeps } from "./market-routes.ts";
import { registerProductRoutes, type ProductAdmin } from "./product-routes.ts";
import type { NativeAdmin } from "./native-admin.ts";
import { NativeError, toNativeError } from "./native-errors.ts";
import { keepRawBody, setCaller, toSignedRequest } from "./native-request.ts";
import { registerServiceRoutes } from "./service-routes.ts";
import type { Authenticate } from "./signed-request.ts";

export const NATIVE_PREFIX = "/nestbox/v1";
export const NATIVE_FACE = "native";

export interface NativeFaceDeps {
  readonly admin: NativeAdmin;
  /** Per-account product switches (routes registered when given). */
  readonly products?: ProductAdmin;
  /** Marketplace publishing, paying and usage (routes registered when given). */
  readonly market?: NativeMarketDeps;
  /** ACS3 verification, injected (this face imports no other face). */
  readonly authenticate: Authenticate;
  readonly observer: RequestObserver;
  readonly log: Logger;
}

/**
 * nestbox's own JSON API under /nestbox/v1 (described in openapi.json), used by the CLI and the
 * console. Request flow: parse the body keeping its exact bytes -> authenticate (ACS3 over
 * method, path, query, signed headers and body hash) -> validate -> run -> JSON. Every error
 * answers {"code","message","requestId"}.
 */
export function registerNativeFace(app: FastifyInstance, deps: NativeFaceDeps): void {
  app.register(
    async (scope) => {
      // The signature covers the body hash, so keep the exact bytes before parsing.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
        const raw = body as Buffer;
        keepRawBody(request, raw);
        if (raw.length === 0) return done(null, undefined);
        try {
          done(null, JSON.parse(raw.toString("utf8")));
        } catch {
          done(new NativeError("INVALID_JSON"), undefined);
        }
      });
      scope.addContentTypeParser("*", { parseAs: "buffer" }, (request, body, done) => {
        const raw = body as Buffer;
        keepRawBody(request, raw);
        done(raw.length === 0 ? null : new NativeError("UNSUPPORTED_MEDIA_TYPE"), undefined);
      });

      scope.addHook("preValidation", async (request) => {
        const authorization = request.headers.authorization;
        if (typeof authorization !== "string" || !authorization.startsWith("ACS3-")) {
          throw new NativeError("MISSING_SIGNATURE");
        }
        setCaller(request, await deps.authenticate(toSignedRequest(request)));
      });

      scope.addHook("onResponse", async (request, reply) => {
        deps.observer.observe(NATIVE_FACE, actionOf(request), reply.statusCode, reply.elapsedTime / 1000);
      });

      scope.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
        const mapped = toNativeError(error, String(request.id));
        if (mapped.unexpected) request.log.error({ err: error, requestId: request.id }, "Failed native API request");
        return reply.code(mapped.status).type("application/json; charset=utf-8").send(mapped.body);
      });

      scope.setNotFoundHandler((request, reply) => {
        const mapped = toNativeError(new NativeError("ROUTE_NOT_FOUND"), String(request.id));
        return reply.code(mapped.status).send(mapped.body);
      });

      registerAccountRoutes(scope, deps.admin);
      registerAccessKeyRoutes(scope, deps.admin);
      registerServiceRoutes(scope, deps.admin);
      if (deps.products) registerProductRoutes(scope, deps.products);
      if (deps.market) registerMarketRoutes(scope, deps.market);
    },
    { prefix: NATIVE_PREFIX },
  );
}

function actionOf(request: FastifyRequest): string {
  const action = (request.routeOptions.config as { action?: unknown } | undefined)?.action;
  return typeof action === "string" ? action : "Unknown";
}
