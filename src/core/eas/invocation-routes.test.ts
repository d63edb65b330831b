import { test } from "node:test";
import assert from "node:assert/strict";
import type { EasServiceRepository } from "./eas-ports.ts";
import { InvocationRoutes, type InvocationRoute } from "./invocation-routes.ts";

const route = (n: number): InvocationRoute => ({ services: [], targets: new Map([["svc", [{ instanceName: `i-${n}`, host: "127.0.0.1", port: n }]]]) });

test("a route is reused within its time, then loaded again", async () => {
  let now = 0;
  let loads = 0;
  const routes = new InvocationRoutes(250, () => now);
  const load = async () => route(++loads);
  assert.equal((await routes.get("r/a", load)).targets.get("svc")![0]!.port, 1);
  now = 249;
  assert.equal((await routes.get("r/a", load)).targets.get("svc")![0]!.port, 1, "cached");
  now = 250;
  assert.equal((await routes.get("r/a", load)).targets.get("svc")![0]!.port, 2, "expired");
});

test("a write through the watched repository drops the routes at once; reads do not", async () => {
  let loads = 0;
  const routes = new InvocationRoutes(60_000, () => 0);
  const calls: string[] = [];
  const repo = routes.watch({
    update: async () => (calls.push("update"), true),
    get: async () => (calls.push("get"), undefined),
  } as unknown as EasServiceRepository);
  const load = async () => route(++loads);
  await routes.get("r/a", load);
  await repo.get("x");
  await routes.get("r/a", load);
  assert.equal(loads, 1, "a read keeps the route");
  await repo.update({} as never);
  await routes.get("r/a", load);
  assert.equal(loads, 2, "a write drops it");
  assert.deepEqual(calls, ["get", "update"], "the calls reach the repository");
});

test("a failed load is not kept", async () => {
  const routes = new InvocationRoutes(60_000, () => 0);
  await assert.rejects(routes.get("r/a", async () => Promise.reject(new Error("store down"))));
  assert.equal((await routes.get("r/a", async () => route(7))).targets.get("svc")![0]!.port, 7);
});
