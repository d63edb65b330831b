import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import Fastify from "fastify";
import { Type } from "@sinclair/typebox";
import { registerAlibabaRoaFace } from "../../../src/faces/alibaba-roa/roa-face.ts";
import { defineRoaOperation } from "../../../src/faces/alibaba-roa/roa-operation.ts";
import { MemoryNonceStore } from "../../../src/faces/shared/memory-nonce-store.ts";
import { RegionDirectory } from "../../../src/core/regions.ts";
import { systemClock } from "../../../src/core/shared/clock.ts";
import { silentLogger } from "../../../src/core/shared/logger.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { toAlibabaError } from "../../../src/faces/alibaba-rpc/errors.ts";
import type { Core } from "../../../src/core/core.ts";

const require = createRequire(import.meta.url);
const { ROAClient } = require("@alicloud/pop-core");
const OpenApi = require("@alicloud/openapi-client");
const Util = require("@alicloud/tea-util");
const AK = "LTAIroatest000000000000";
const SECRET = "roasecret";

// A test-only route shaped like EAS ListServiceInstances (CLIENTS.md 4.3).
const listInstances = defineRoaOperation({
  product: "eas",
  version: "2021-07-01",
  action: "ListServiceInstances",
  method: "GET",
  path: "/api/v2/services/{ClusterId}/{ServiceName}/instances",
  iam: { action: "eas:ListServiceInstances", resource: "service/{ServiceName}" },
  params: Type.Object({
    ClusterId: Type.String(),
    ServiceName: Type.String(),
    PageNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    Filter: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    if (input.ServiceName === "nope") throw new DomainError("NotFound", "EAS_SERVICE_NOT_FOUND", "The service nope does not exist.");
    return { ServiceName: input.ServiceName, Region: ctx.regionId, PageNumber: input.PageNumber ?? 1, Filter: input.Filter ?? "" };
  },
});

describe("the ROA face through the official clients", () => {
  const app = Fastify();
  let port = 0;
  before(async () => {
    registerAlibabaRoaFace(app, {
      operations: [listInstances],
      resolveKey: async (id) =>
        id === AK ? { accessKeyId: AK, secret: SECRET, active: true, principal: { accountId: "1000000000000001", type: "Root", displayName: "root", accessKeyId: AK, isOperator: false } } : undefined,
      nonces: new MemoryNonceStore(),
      authorizer: { authorize: async () => ({ allowed: true }) },
      core: { regions: new RegionDirectory() } as unknown as Core,
      clock: systemClock,
      log: silentLogger,
      toError: (err) => {
        const m = toAlibabaError(err);
        return { status: m.entry.status, code: err instanceof DomainError && err.code === "EAS_SERVICE_NOT_FOUND" ? "InvalidService.NotFound" : m.entry.code, message: m.message, unexpected: m.unexpected };
      },
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as { port: number }).port;
  });
  after(() => app.close());

  test("pop-core ROAClient (acs HMAC-SHA1, host without port) with a tricky filter", async () => {
    const client = new ROAClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-07-01", accessKeyId: AK, accessKeySecret: SECRET });
    const r = await client.get("/api/v2/services/cn-shanghai/my-svc/instances", { PageNumber: 2, Filter: "10.118.0.1 *(x)!'~" });
    assert.equal(r.ServiceName, "my-svc");
    assert.equal(r.Region, "cn-shanghai");
    assert.equal(r.PageNumber, 2);
    assert.equal(r.Filter, "10.118.0.1 *(x)!'~");
  });

  for (const v2 of [false, true]) {
    test(`openapi-client ROA with ${v2 ? "v2 (acs HMAC-SHA1)" : "ACS3"}; an unknown service gets the product's code`, async () => {
      const client = new OpenApi.default(new OpenApi.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${port}`, protocol: "http", ...(v2 ? { signatureAlgorithm: "v2" } : {}) }));
      const call = (name: string) =>
        client.callApi(
          new OpenApi.Params({ action: "ListServiceInstances", version: "2021-07-01", protocol: "HTTP", pathname: `/api/v2/services/cn-hangzhou/${encodeURIComponent(name)}/instances`, method: "GET", authType: "AK", style: "ROA", reqBodyType: "json", bodyType: "json" }),
          new OpenApi.OpenApiRequest({ query: { PageNumber: "3" } }),
          new Util.RuntimeOptions({}),
        );
      const r = await call("svc a");
      assert.equal(r.statusCode, 200);
      assert.equal(r.body.ServiceName, "svc a");
      assert.equal(r.body.PageNumber, 3);
      await assert.rejects(call("nope"), (e: any) => e.code === "InvalidService.NotFound" && e.statusCode === 404);
    });
  }

  test("an unsigned or wrongly signed request is refused in JSON with a Code", async () => {
    const r = await app.inject({ method: "GET", url: "/api/v2/services/cn-hangzhou/a/instances" });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().Code, "MissingSignature");
    const bad = new ROAClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-07-01", accessKeyId: AK, accessKeySecret: "wrong" });
    await assert.rejects(bad.get("/api/v2/services/cn-hangzhou/a/instances", {}), (e: any) => e.code === "SignatureDoesNotMatch");
  });
});
