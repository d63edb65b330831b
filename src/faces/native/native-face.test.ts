import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import type { AccessKey, Account, Principal } from "../../core/accounts/account.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { silentLogger } from "../../core/shared/logger.ts";
import type { MarketAdmin } from "./market-routes.ts";
import type { NativeAdmin } from "./native-admin.ts";
import { registerNativeFace } from "./native-face.ts";
import type { SignedRequest } from "./signed-request.ts";

const operator: Principal = { accountId: "1000", type: "Root", displayName: "operator", accessKeyId: "LTAIop", isOperator: true };
const created = new Date("2026-01-01T00:00:00Z");

function fakeAdmin(calls: string[]): NativeAdmin {
  const key: AccessKey = { id: "LTAInew", accountId: "1000", secret: "s3cret", status: "Active", createdAt: created };
  return {
    async createAccount(caller, { name }) {
      calls.push(`createAccount ${caller.accountId} ${name}`);
      if (name === "taken") throw new DomainError("AlreadyExists", "ACCOUNT_NAME_ALREADY_EXISTS", "An account named taken already exists.");
      return { id: "2000", name, isOperator: false, createdAt: created } satisfies Account;
    },
    async listAccounts() {
      return [{ id: "1000", name: "operator", isOperator: true, createdAt: created }];
    },
    async createAccessKey(_caller, { accountId }) {
      calls.push(`createAccessKey ${accountId ?? "-"}`);
      return key;
    },
    async listAccessKeys(_caller, { accountId }) {
      calls.push(`listAccessKeys ${accountId ?? "-"}`);
      const { secret: _s, ...rest } = key;
      return [rest];
    },
    async setAccessKeyStatus(_caller, id, status) {
      calls.push(`setAccessKeyStatus ${id} ${status}`);
      if (id === "missing") throw new DomainError("NotFound", "ACCESS_KEY_NOT_FOUND", "Access key missing does not exist.");
      return { id, accountId: "1000", status, createdAt: created };
    },
    async deleteAccessKey(_caller, id) {
      calls.push(`deleteAccessKey ${id}`);
    },
    async approveRegistration(_caller, serviceId, version) {
      calls.push(`approve ${serviceId} ${version}`);
      return { serviceId, version, status: "Approved", registrationId: "sr-1" };
    },
  };
}

const unused = async (): Promise<never> => {
  throw new Error("not used here");
};
const unusedMarket: MarketAdmin = { products: { publish: unused }, orders: { pay: unused }, metering: { usage: unused } };

async function buildApp(): Promise<{ app: FastifyInstance; calls: string[]; seen: SignedRequest[]; observed: string[] }> {
  const calls: string[] = [];
  const seen: SignedRequest[] = [];
  const observed: string[] = [];
  const app = Fastify();
  registerNativeFace(app, {
    admin: fakeAdmin(calls),
    async authenticate(request) {
      seen.push(request);
      if (String(request.headers.authorization).includes("bad")) {
        throw new DomainError("Unauthenticated", "SIGNATURE_DOES_NOT_MATCH", "The signature does not match.");
      }
      return operator;
    },
    observer: { observe: (face, action, status) => void observed.push(`${face} ${action} ${status}`) },
    log: silentLogger,
    // Registered for the openapi.json check below; the routes are tested in market-routes.test.ts.
    market: { service: unusedMarket, authorizer: { authorize: async () => ({ allowed: true }) }, now: () => created },
  });
  await app.ready();
  return { app, calls, seen, observed };
}

const signed = { authorization: "ACS3-HMAC-SHA256 Credential=LTAIop,SignedHeaders=host,Signature=00" };

describe("native face", () => {
  test("creates an account and answers 201 with the account view", async () => {
    const { app, calls, seen, observed } = await buildApp();
    const res = await app.inject({ method: "POST", url: "/nestbox/v1/accounts?x=1", headers: { ...signed, "content-type": "application/json" }, payload: '{"name":"acme"}' });
    assert.equal(res.statusCode, 201);
    assert.deepEqual(res.json(), { accountId: "2000", name: "acme", isOperator: false, createdAt: "2026-01-01T00:00:00.000Z" });
    assert.deepEqual(calls, ["createAccount 1000 acme"]);
    // The signature check sees the exact bytes, path and raw query.
    assert.equal(seen[0]!.body.toString(), '{"name":"acme"}');
    assert.equal(seen[0]!.path, "/nestbox/v1/accounts");
    assert.equal(seen[0]!.rawQuery, "x=1");
    assert.deepEqual(observed, ["native CreateAccount 201"]);
  });

  test("refuses an unsigned request before running anything", async () => {
    const { app, calls } = await buildApp();
    const res = await app.inject({ method: "GET", url: "/nestbox/v1/accounts" });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, "MISSING_SIGNATURE");
    assert.ok(res.json().requestId);
    assert.deepEqual(calls, []);
  });

  test("answers a failed signature check with the verifier's code", async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: "GET", url: "/nestbox/v1/keys", headers: { authorization: "ACS3-HMAC-SHA256 bad" } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, "SIGNATURE_DOES_NOT_MATCH");
  });

  test("maps domain errors to their status with the domain code", async () => {
    const { app } = await buildApp();
    const taken = await app.inject({ method: "POST", url: "/nestbox/v1/accounts", headers: { ...signed, "content-type": "application/json" }, payload: '{"name":"taken"}' });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, "ACCOUNT_NAME_ALREADY_EXISTS");
    const missing = await app.inject({ method: "PATCH", url: "/nestbox/v1/keys/missing", headers: { ...signed, "content-type": "application/json" }, payload: '{"status":"Inactive"}' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(Object.keys(missing.json()).sort(), ["code", "message", "requestId"]);
  });

  test("rejects bad JSON, invalid fields and other media types with 4xx", async () => {
    const { app, calls } = await buildApp();
    const json = { ...signed, "content-type": "application/json" };
    const badJson = await app.inject({ method: "POST", url: "/nestbox/v1/accounts", headers: json, payload: "{nope" });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().code, "INVALID_JSON");
    const badName = await app.inject({ method: "POST", url: "/nestbox/v1/accounts", headers: json, payload: '{"name":""}' });
    assert.equal(badName.statusCode, 400);
    assert.equal(badName.json().code, "INVALID_ARGUMENT");
    const badStatus = await app.inject({ method: "PATCH", url: "/nestbox/v1/keys/k", headers: json, payload: '{"status":"Gone"}' });
    assert.equal(badStatus.statusCode, 400);
    const text = await app.inject({ method: "POST", url: "/nestbox/v1/accounts", headers: { ...signed, "content-type": "text/plain" }, payload: "name=a" });
    assert.equal(text.statusCode, 415);
    assert.deepEqual(calls, []);
  });

  test("creates keys with the secret shown once, lists them without it, disables, deletes", async () => {
    const { app, calls } = await buildApp();
    const create = await app.inject({ method: "POST", url: "/nestbox/v1/keys", headers: { ...signed, "content-type": "application/json" }, payload: '{"accountId":"2000"}' });
    assert.equal(create.statusCode, 201);
    assert.equal(create.json().accessKeySecret, "s3cret");
    const noBody = await app.inject({ method: "POST", url: "/nestbox/v1/keys", headers: signed });
    assert.equal(noBody.statusCode, 201);
    const list = await app.inject({ method: "GET", url: "/nestbox/v1/keys?accountId=2000", headers: signed });
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().accessKeys[0].accessKeySecret, undefined);
    const disable = await app.inject({ method: "PATCH", url: "/nestbox/v1/keys/LTAInew", headers: { ...signed, "content-type": "application/json" }, payload: '{"status":"Inactive"}' });
    assert.equal(disable.json().status, "Inactive");
    const del = await app.inject({ method: "DELETE", url: "/nestbox/v1/keys/LTAInew", headers: signed });
    assert.equal(del.statusCode, 204);
    assert.deepEqual(calls, [
      "createAccessKey 2000",
      "createAccessKey -",
      "listAccessKeys 2000",
      "setAccessKeyStatus LTAInew Inactive",
      "deleteAccessKey LTAInew",
    ]);
  });

  test("approves a service registration", async () => {
    const { app, calls } = await buildApp();
    const res = await app.inject({ method: "POST", url: "/nestbox/v1/services/service-abc/versions/1/approve", headers: signed });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { serviceId: "service-abc", version: "1", status: "Approved", registrationId: "sr-1" });
    assert.deepEqual(calls, ["approve service-abc 1"]);
  });

  test("answers unknown routes in its own error shape", async () => {
    const { app } = await buildApp();
    const res = await app.inject({ method: "GET", url: "/nestbox/v1/nothing", headers: signed });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().code, "ROUTE_NOT_FOUND");
  });

  test("every operation in openapi.json is a route, and every route is documented", async () => {
    const { app } = await buildApp();
    const doc = JSON.parse(readFileSync(new URL("./openapi.json", import.meta.url), "utf8")) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((m) => ["get", "post", "patch", "delete", "put"].includes(m))) {
        const url = "/nestbox/v1" + path.replace(/\{(\w+)\}/g, ":$1");
        assert.ok(app.hasRoute({ method: method.toUpperCase() as "GET", url }), `${method} ${url}`);
        documented.push(`${method.toUpperCase()} ${url}`);
      }
    }
    const routes = app.printRoutes({ commonPrefix: false });
    assert.equal(documented.length, 10, routes);
  });
});
