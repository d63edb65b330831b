import Fastify from "fastify";
import { Type } from "@sinclair/typebox";
import { registerAlibabaRpcFace } from "../../../src/faces/alibaba-rpc/rpc-face.ts";
import { defineRpcOperation, type RpcOperation } from "../../../src/faces/shared/operation.ts";
import { MemoryNonceStore } from "../../../src/faces/shared/memory-nonce-store.ts";
import type { AuthorizationRequest, Authorizer } from "../../../src/faces/shared/ports.ts";
import { RegionDirectory } from "../../../src/core/regions.ts";
import { systemClock } from "../../../src/core/shared/clock.ts";
import { silentLogger } from "../../../src/core/shared/logger.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { JsonParam } from "../../../src/faces/shared/params.ts";
import type { Core } from "../../../src/core/core.ts";

export const AK = "LTAItestkey0000000000000";
export const SECRET = "testsecret0000000000000000000";
export const ACCOUNT = "1000000000000001";

/** A dummy ComputeNest-versioned operation that echoes what it parsed. */
export const echo = defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "EchoThing",
  iam: { action: "computenest:EchoThing", resource: "thing/{Name}" },
  params: Type.Object({
    RegionId: Type.String(),
    Name: Type.String(),
    Count: Type.Optional(Type.Integer()),
    Tag: Type.Optional(Type.Array(Type.Object({ Key: Type.String(), Value: Type.Optional(Type.String()) }))),
    Parameters: Type.Optional(JsonParam(Type.Record(Type.String(), Type.Unknown()))),
  }),
  async run(ctx, input) {
    if (input.Name === "boom") throw new Error("secret internal detail");
    if (input.Name === "missing") throw new DomainError("NotFound", "SERVICE_NOT_FOUND", "The service does not exist.");
    return { Name: input.Name, Count: input.Count ?? 0, Tags: input.Tag ?? [], Parameters: JSON.stringify(input.Parameters ?? {}), Region: ctx.regionId, Caller: ctx.caller.accountId };
  },
});

export async function startFace(options: { operations?: RpcOperation[]; deny?: (r: AuthorizationRequest) => boolean } = {}) {
  const app = Fastify();
  const seen: AuthorizationRequest[] = [];
  const authorizer: Authorizer = {
    async authorize(r) {
      seen.push(r);
      return options.deny?.(r) ? { allowed: false, explicit: false } : { allowed: true };
    },
  };
  let active = true;
  registerAlibabaRpcFace(app, {
    operations: options.operations ?? [echo],
    resolveKey: async (id) =>
      id === AK
        ? { accessKeyId: AK, secret: SECRET, active, principal: { accountId: ACCOUNT, type: "Root", displayName: "root", accessKeyId: AK, isOperator: true } }
        : undefined,
    nonces: new MemoryNonceStore(),
    authorizer,
    core: { regions: new RegionDirectory() } as unknown as Core,
    clock: systemClock,
    log: silentLogger,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  return { app, port, seen, setActive: (v: boolean) => void (active = v), close: () => app.close() };
}
