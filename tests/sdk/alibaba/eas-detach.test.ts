// UpdateServiceInstance Detach (A.3.7, "fencing") through the official client: a replacement
// starts, the fenced process keeps running and answering on its port, the service no longer
// manages it (no traffic, not counted, not restarted or stopped with the service) and
// DeleteService leaves it running for debugging.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_detach";
const PATH = servicePath(NAME, "", "cn-hangzhou");

const ask = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "ping" })).json()) as { pid: number; port: number };
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("PAI-EAS UpdateServiceInstance Detach", () => {
  let t: EasTestServer;
  let fencedPid = 0;
  const instances = async () => (await t.call("ListServiceInstances", "GET", `${PATH}/instances`)).Instances as any[];
  const managed = (list: any[]) => list.filter((i) => !i.Detached);

  before(async () => {
    t = await startEasServer();
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 2)) });
    await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running", 60_000, "Running");
  });
  after(async () => {
    try {
      // The test deletes the service itself; this is for when it failed before that.
      await t.call("DeleteService", "DELETE", PATH).catch((e: any) => (e.code === "InvalidService.NotFound" ? undefined : Promise.reject(e)));
      await waitFor(() => t.call("DescribeService", "GET", PATH).then(() => "exists", (e: any) => e.code), (code) => code === "InvalidService.NotFound", 60_000, "deleted");
    } finally {
      await t.close();
      // Nobody manages a fenced process any more: the test ends it itself.
      if (fencedPid && alive(fencedPid)) process.kill(fencedPid, "SIGKILL");
    }
  });

  test("a replacement starts; the fenced process keeps serving, unmanaged, and outlives DeleteService", async () => {
    const [victim, other] = await instances();
    const { pid } = await ask(victim.InstancePort);
    fencedPid = pid;

    await t.call("UpdateServiceInstance", "PUT", `${PATH}/instances/${encodeURIComponent(victim.InstanceName)}`, { body: { Detach: true } });
    await assert.rejects(
      t.call("UpdateServiceInstance", "PUT", `${PATH}/instances/${encodeURIComponent(other.InstanceName)}`, { body: { Detach: false } }),
      (e: any) => e.code === "InvalidParameter" && /attached again/.test(e.message),
    );

    // A replacement makes two managed instances again, none of them the fenced one.
    const after = await waitFor(instances, (l) => managed(l).length === 2 && managed(l).every((i) => i.Status === "Running" && i.ReadyProcesses === 1), 60_000, "replacement");
    const names = managed(after).map((i) => i.InstanceName);
    assert.ok(!names.includes(victim.InstanceName), "the fenced instance is not managed");
    assert.ok(names.includes(other.InstanceName));
    const fenced = after.find((i) => i.InstanceName === victim.InstanceName);
    assert.ok(fenced, "the fenced instance is shown for debugging");
    assert.equal(fenced.Detached, true);
    assert.equal(fenced.InstancePort, victim.InstancePort);
    const service = await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running", 60_000, "Running");
    assert.equal(service.TotalInstance, 2, "the fenced instance is not counted");
    assert.equal(service.RunningInstance, 2);

    // It keeps running, the same process, answering on its port.
    assert.equal((await ask(victim.InstancePort)).pid, pid);

    // No traffic from the gateway goes to it.
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`http://127.0.0.1:${t.port}/api/predict/${NAME}`, { method: "POST", body: "{}", headers: { Authorization: service.AccessToken } });
      assert.equal(r.status, 200);
      assert.notEqual(((await r.json()) as { port: number }).port, victim.InstancePort);
    }

    // A second detach of a fenced instance changes nothing.
    await t.call("UpdateServiceInstance", "PUT", `${PATH}/instances/${encodeURIComponent(victim.InstanceName)}`, { body: { Detach: true } });
    assert.equal(managed(await instances()).length, 2);

    // DeleteService ends the managed instances only.
    const managedPids = await Promise.all(managed(after).map(async (i) => (await ask(i.InstancePort)).pid));
    await t.call("DeleteService", "DELETE", PATH);
    await waitFor(
      () => t.call("DescribeService", "GET", PATH).then(() => "exists", (e: any) => e.code),
      (code) => code === "InvalidService.NotFound",
      60_000,
      "service deleted",
    );
    await waitFor(async () => managedPids.filter(alive).length, (n) => n === 0, 30_000, "managed processes ended");
    assert.ok(alive(pid), "the fenced process is still running");
    assert.equal((await ask(victim.InstancePort)).pid, pid, "and still answers on its port");
  });
});
