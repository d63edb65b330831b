import type { FastifyRequest } from "fastify";
import type { Principal } from "../../core/accounts/account.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { SignedRequest } from "./signed-request.ts";

/** Per-request state of the native face, kept off the request object's shape. */
interface NativeState {
  rawBody?: Buffer;
  caller?: Principal;
}
const states = new WeakMap<FastifyRequest, NativeState>();

const stateOf = (request: FastifyRequest): NativeState => {
  let state = states.get(request);
  if (!state) {
    state = {};
    states.set(request, state);
  }
  return state;
};

export const keepRawBody = (request: FastifyRequest, body: Buffer): void => {
  stateOf(request).rawBody = body;
};

export const setCaller = (request: FastifyRequest, caller: Principal): void => {
  stateOf(request).caller = caller;
};

/** The authenticated caller; every route runs after authentication. */
export function callerOf(request: FastifyRequest): Principal {
  const caller = states.get(request)?.caller;
  if (!caller) throw new DomainError("Unauthenticated", "UNAUTHENTICATED", "The request was not authenticated.");
  return caller;
}

/** The framework-free view the signature check works on. */
export function toSignedRequest(request: FastifyRequest): SignedRequest {
  const url = request.raw.url ?? request.url;
  const q = url.indexOf("?");
  return {
    method: request.method,
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? "" : url.slice(q + 1),
    headers: request.headers,
    body: states.get(request)?.rawBody ?? Buffer.alloc(0),
    sourceIp: request.ip,
  };
}
