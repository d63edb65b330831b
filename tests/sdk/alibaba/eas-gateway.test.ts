// The invocation gateway /api/predict/{name}: token check, round robin over ready instances,
// isolation through UpdateServiceInstance, no request lost when a replica is killed under load,
// and a clear 503 when no instance is ready.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_gw";
const PATH = servicePath(NAME, "", "cn-hangzhou");

describe("PAI-EAS invocation gateway", () => {
  let t: EasTestServer;
  let token = "";
  const invoke = (path = "", init: RequestInit = {}, auth: string | null = token) =>
    fetch(`http://127.0.0.1:${t.port}/api/predict/${NAME}${path}`, { ...init, headers: { ...(auth !== null ? { Authorization: auth } : {}), ...(init.headers ?? {}) } });
  const portsOf = async (n: number) => {
    const ports: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await invoke("/");
      assert.equal(r.status, 200);
      ports.push(((await r.json()) as { port: number }).port);
    }
    return ports;
  };
  const instances = async () => (await t.call("ListServiceInstances", "GET", `${PATH}/instances`)).Instances as any[];

  before(async () => {
    t = await startEasServer();
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 3)) });
    const running = await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running", 60_000, "Running");
    token = running.AccessToken;
  });
  after(() => t.close());

  test("the AccessToken is required; an unknown service is 404", async () => {
    assert.equal((await invoke("/", {}, null)).status, 401);
    const wrong = await invoke("/", {}, "not-the-token");
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { Code: string }).Code, "Unauthorized");
    const unknown = await fetch(`http://127.0.0.1:${t.port}/api/predict/nope`, { headers: { Authorization: token } });
    assert.equal(unknown.status, 404);
    assert.equal((await invoke("/", {}, `Bearer ${token}`)).status, 200);
  });

  test("requests are balanced over the ready instances; path, query and body are forwarded", async () => {
    const ports = await portsOf(30);
    const counts = [...ports.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<number, number>()).values()];
    assert.deepEqual(counts, [10, 10, 10]);
    const r = await invoke("/v1/models/x?debug=1", { method: "POST", body: "hello", headers: { "content-type": "text/plain" } });
    const echoed = (await r.json()) as { path: string; query: string; body: string };
    assert.deepEqual([echoed.path, echoed.query, echoed.body], ["/v1/models/x", "?debug=1", "hello"]);
    assert.ok(r.headers.get("x-eas-instance"));
  });

  test("an isolated instance gets no traffic and shows Isolated; taking isolation back restores it", async () => {
    const [victim] = await instances();
    await t.call("UpdateServiceInstance", "PUT", `${PATH}/instances/${victim.InstanceName}`, { body: { Isolate: true }, signing: "v2" });
    const shown = (await instances()).find((i) => i.InstanceName === victim.InstanceName);
    assert.equal(shown.Isolated, true);
    assert.equal(shown.Status, "Running", "it keeps running");
    const ports = await portsOf(20);
    assert.ok(!ports.includes(victim.InstancePort), "no request reached the isolated instance");
    assert.equal(new Set(ports).size, 2);
    await t.call("UpdateServiceInstance", "PUT", `${PATH}/instances/${victim.InstanceName}`, { body: { Isolate: false } });
    assert.ok((await portsOf(6)).includes(victim.InstancePort));
  });

  test("under load, a replica killed mid-way loses no request", async () => {
    const [victim] = await instances();
    const pid = ((await (await fetch(`http://127.0.0.1:${victim.InstancePort}/`)).json()) as { pid: number }).pid;
    const total = 300;
    let sent = 0;
    const statuses: number[] = [];
    const worker = async () => {
      while (sent < total) {
        sent++;
        const r = await invoke("/slow?ms=20", { method: "POST", body: "x" });
        await r.arrayBuffer();
        statuses.push(r.status);
        if (statuses.length === 60) process.kill(pid, "SIGKILL");
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    assert.equal(statuses.length, total);
    assert.deepEqual(statuses.filter((s) => s !== 200), [], "every request was answered by a ready instance");
    await waitFor(instances, (list) => list.every((i) => i.ReadyProcesses === 1) && list.some((i) => i.RestartCount > 0), 30_000, "the killed replica is back");
  });

  test("a stopped service answers 503 with a clear body; started again it serves", async () => {
    await t.call("StopService", "PUT", `${PATH}/stop`);
    await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Stopped", 30_000, "Stopped");
    const r = await invoke("/");
    assert.equal(r.status, 503);
    const body = (await r.json()) as { Code: string; Message: string };
    assert.equal(body.Code, "ServiceUnavailable");
    assert.match(body.Message, /no ready instance/);
    await t.call("StartService", "PUT", `${PATH}/start`);
    await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running" && s.RunningInstance === 3, 60_000, "Running again");
    assert.equal((await invoke("/")).status, 200);
  });

  test("metadata.rpc.keepalive bounds the wait for an answer: a slower one is 408 RequestTimeout", async () => {
    const base = echoSpec("echo_keepalive", 1);
    const spec = { ...base, metadata: { ...(base.metadata as object), rpc: { keepalive: 400 } } };
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(spec) });
    const path = servicePath("echo_keepalive", "", "cn-hangzhou");
    const s = await waitFor(() => t.call("DescribeService", "GET", path), (x) => x.Status === "Running", 60_000, "Running");
    const call = (q: string) => fetch(`http://127.0.0.1:${t.port}/api/predict/echo_keepalive/slow?ms=${q}`, { headers: { Authorization: s.AccessToken } });
    assert.equal((await call("10")).status, 200);
    const slow = await call("3000");
    assert.equal(slow.status, 408);
    const body = (await slow.json()) as { Code: string; Message: string };
    assert.equal(body.Code, "RequestTimeout");
    assert.match(body.Message, /400 ms/);
    assert.equal((await call("10")).status, 200, "the replica still serves the next request");
    await t.call("DeleteService", "DELETE", path);
  });
});
