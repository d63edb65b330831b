// ListServiceInstances query parameters, DeleteServiceInstances (soft and hard), and a replica
// killed from outside coming back with RestartCount and LastState, through the official clients.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, REGION, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_list";
const PATH = servicePath(NAME);

describe("PAI-EAS instances through the official clients", () => {
  let t: EasTestServer;
  const list = (query: Record<string, unknown> = {}, signing: "acs3" | "v2" = "acs3") => t.call("ListServiceInstances", "GET", `${PATH}/instances`, { query, signing });
  const pidOf = async (port: number) => ((await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { pid: number }).pid;

  before(async () => {
    t = await startEasServer();
    await t.pop.post(`/api/v2/services`, {}, JSON.stringify(echoSpec(NAME, 3)), { host: `pai-eas.${REGION}.aliyuncs.com` });
    await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running", 60_000, "Running");
  });
  after(() => t.close());

  test("filters: keyword across name, IP, host IP and type; exact fields; spot, role, resource type", async () => {
    const all = (await list()).Instances as any[];
    assert.equal(all.length, 3);
    const one = all[1];
    const names = async (q: Record<string, unknown>, signing: "acs3" | "v2" = "acs3") => ((await list(q, signing)).Instances as any[]).map((i) => i.InstanceName).sort();
    const everyone = all.map((i) => i.InstanceName).sort();
    assert.deepEqual(await names({ Filter: one.InstanceName.slice(-5) }), [one.InstanceName]);
    assert.deepEqual(await names({ Filter: "127.0.0" }), everyone, "instance and host IP");
    assert.deepEqual(await names({ Filter: "nestbox.local" }), everyone, "instance type");
    assert.deepEqual(await names({ Filter: "no-such-thing" }), []);
    assert.deepEqual(await names({ InstanceName: one.InstanceName }, "v2"), [one.InstanceName]);
    assert.deepEqual(await names({ InstanceStatus: "Running" }), everyone);
    assert.deepEqual(await names({ InstanceStatus: "Pending" }), []);
    assert.deepEqual(await names({ InstanceIP: "127.0.0.1", HostIP: "127.0.0.1" }), everyone);
    assert.deepEqual(await names({ HostIP: "10.0.0.1" }), []);
    assert.deepEqual(await names({ InstanceType: "nestbox.local" }), everyone);
    assert.deepEqual(await names({ InstanceType: "ecs.c7.large" }), []);
    assert.deepEqual(await names({ ResourceType: "PublicResource" }), everyone);
    assert.deepEqual(await names({ ResourceType: "DedicatedResource" }), []);
    assert.deepEqual(await names({ IsSpot: false }), everyone);
    assert.deepEqual(await names({ IsSpot: true }, "v2"), []);
    assert.deepEqual(await names({ Role: "Standard" }), everyone);
    assert.deepEqual(await names({ Role: "Queue" }), []);
    const viaPop = await t.pop.get(`/api/v2/services/${REGION}/${NAME}/instances`, { Filter: one.InstanceName, InstanceStatus: "Running" });
    assert.deepEqual(viaPop.Instances.map((i: any) => i.InstanceName), [one.InstanceName]);
  });

  test("paging with TotalCount, and bad Sort/Order values are refused", async () => {
    const p1 = await list({ PageSize: 2, PageNumber: 1 });
    const p2 = await list({ PageSize: 2, PageNumber: 2 });
    const p3 = await list({ PageSize: 2, PageNumber: 3 });
    assert.deepEqual([p1.Instances.length, p2.Instances.length, p3.Instances.length], [2, 1, 0]);
    assert.deepEqual([p1.TotalCount, p2.TotalCount, p3.TotalCount], [3, 3, 3]);
    assert.deepEqual([p1.PageSize, p2.PageNumber], [2, 2]);
    const seen = [...p1.Instances, ...p2.Instances].map((i: any) => i.InstanceName);
    assert.equal(new Set(seen).size, 3);
    await assert.rejects(list({ Sort: "Name" }), (e: any) => e.code === "InvalidParameter" && /Sort/.test(e.message));
    await assert.rejects(list({ Sort: "StartTime", Order: "up" }), (e: any) => e.code === "InvalidParameter" && /Order/.test(e.message));
    await assert.rejects(list({ PageNumber: 0 }), (e: any) => e.code === "InvalidParameter");
  });

  test("SoftRestart restarts the process in place; Sort=StartTime orders by it", async () => {
    const before = (await list()).Instances as any[];
    const victim = before[0];
    const oldPid = await pidOf(victim.InstancePort);
    // StartTime has whole seconds: wait for the next second so the restarted one is newest.
    await new Promise((r) => setTimeout(r, 1100));
    await t.call("DeleteServiceInstances", "DELETE", `${PATH}/instances`, { query: { InstanceList: victim.InstanceName, SoftRestart: true } });
    const after = await waitFor(
      () => list({ InstanceName: victim.InstanceName }),
      (r) => r.Instances[0]?.RestartCount === victim.RestartCount + 1 && r.Instances[0].Status === "Running" && r.Instances[0].ReadyProcesses === 1,
      30_000,
      "soft restart",
    );
    assert.equal(after.Instances[0].InstancePort, victim.InstancePort, "same instance, same port");
    assert.notEqual(await pidOf(victim.InstancePort), oldPid);
    const desc = ((await list({ Sort: "StartTime", Order: "desc" })).Instances as any[]).map((i) => i.InstanceName);
    const asc = ((await list({ Sort: "StartTime", Order: "asc" }, "v2")).Instances as any[]).map((i) => i.InstanceName);
    assert.equal(desc[0], victim.InstanceName);
    assert.equal(asc[asc.length - 1], victim.InstanceName);
    const times = ((await list({ Sort: "StartTime", Order: "asc" })).Instances as any[]).map((i) => Date.parse(i.StartTime));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  test("a hard restart recreates the instance: a new name, RestartCount starts over", async () => {
    const [victim] = (await list()).Instances as any[];
    await t.call("DeleteServiceInstances", "DELETE", `${PATH}/instances`, { query: { InstanceList: victim.InstanceName }, signing: "v2" });
    const now = await waitFor(() => list(), (r) => r.Instances.length === 3 && !r.Instances.some((i: any) => i.InstanceName === victim.InstanceName) && r.Instances.every((i: any) => i.Status === "Running" && i.ReadyProcesses === 1), 30_000, "recreated");
    const fresh = (now.Instances as any[]).find((i) => i.InstancePort === victim.InstancePort);
    assert.ok(fresh, "the new instance took the slot's port");
    assert.equal(fresh.RestartCount, 0);
    await assert.rejects(
      t.call("DeleteServiceInstances", "DELETE", `${PATH}/instances`, { query: { InstanceList: "echo-list-nope-nope" } }),
      (e: any) => e.code === "InvalidInstance.NotFound" && e.statusCode === 404,
    );
  });

  test("an instance killed from outside comes back: RestartCount grows, LastState records the exit", async () => {
    const [victim] = (await list()).Instances as any[];
    const pid = await pidOf(victim.InstancePort);
    process.kill(pid, "SIGKILL");
    const back = await waitFor(
      () => list({ InstanceName: victim.InstanceName }),
      (r) => r.Instances[0]?.RestartCount === victim.RestartCount + 1 && r.Instances[0].ReadyProcesses === 1,
      30_000,
      "restarted after SIGKILL",
    );
    const i = back.Instances[0];
    assert.equal(i.Status, "Running");
    assert.equal(i.Reason, "RUNNING");
    assert.equal(i.LastState.length, 1);
    assert.equal(i.LastState[0].terminated.signal, "SIGKILL");
    assert.equal(i.LastState[0].terminated.exitCode, null);
    assert.equal(i.LastState[0].terminated.reason, "Error");
    assert.ok(Date.parse(i.LastState[0].terminated.finishedAt) > 0);
    assert.notEqual(await pidOf(victim.InstancePort), pid);
    const events = await waitFor(
      () => t.call("DescribeServiceEvent", "GET", `${PATH}/events`, { query: { EventType: "Warning" } }),
      (r) => r.Events.some((e: any) => e.Reason === "BackOff" && /SIGKILL/.test(e.Message)),
      10_000,
      "a BackOff event",
    );
    assert.ok(!events.Events.some((e: any) => e.Reason === "BackOff" && /Stopped/.test(e.Message)), "a soft restart is no crash");
    const crash = events.Events.find((e: any) => e.Reason === "BackOff" && /SIGKILL/.test(e.Message));
    assert.equal(crash.Resource, "Pod");
    assert.match(crash.Time, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.match(JSON.parse(crash.Message).message, /SIGKILL/);
  });
});
