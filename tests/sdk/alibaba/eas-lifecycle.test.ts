// UpdateService (merge and replace, new versions, rolling rollout), UpdateServiceVersion,
// ListServiceVersions, ScaleService with InstancesToDelete, RestartService, labels, logs, events,
// endpoints, containers and regions, through the official clients.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_life";
const PATH = servicePath(NAME, "", "cn-hangzhou");

describe("PAI-EAS service lifecycle", () => {
  let t: EasTestServer;
  let token = "";
  const describeService = () => t.call("DescribeService", "GET", PATH);
  const settled = (status = "Running") => waitFor(describeService, (s) => s.Status === status && s.RunningInstance === s.TotalInstance, 90_000, status);
  const instances = async () => (await t.call("ListServiceInstances", "GET", `${PATH}/instances`)).Instances as any[];
  const greet = async () => {
    const r = await fetch(`http://127.0.0.1:${t.port}/api/predict/${NAME}`, { headers: { Authorization: token } });
    return r.status === 200 ? ((await r.json()) as { greeting: string }).greeting : `status ${r.status}`;
  };

  before(async () => {
    t = await startEasServer();
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 2, { env: { GREETING: "v1" } })) });
    token = (await settled()).AccessToken;
  });
  after(() => t.close());

  test("UpdateService merge makes version 2 and rolls it out while the service keeps answering", async () => {
    let stop = false;
    const answers: string[] = [];
    const load = (async () => {
      while (!stop) answers.push(await greet());
    })();
    const spec = echoSpec(NAME, 2, { env: { GREETING: "v2" } });
    const r = await t.call("UpdateService", "PUT", PATH, { body: JSON.stringify({ containers: spec.containers }) });
    assert.match(r.Message, /update/i);
    const updating = await describeService();
    assert.equal(updating.LatestVersion, 2);
    const done = await settled();
    stop = true;
    await load;
    assert.equal(done.CurrentVersion, 2);
    assert.equal(done.TotalInstance, 2);
    assert.equal(await greet(), "v2");
    assert.deepEqual(answers.filter((a) => a !== "v1" && a !== "v2"), [], "no request failed during the rollout");
    const list = await instances();
    assert.ok(list.every((i) => i.IsLatest));
    const versions = await t.call("ListServiceVersions", "GET", `${PATH}/versions`);
    assert.equal(versions.TotalCount, 2);
    assert.deepEqual(versions.Versions.map((v: any) => v.ImageId), [2, 1]);
    assert.equal(typeof versions.Versions[0].ImageAvailable, "string");
    assert.equal(JSON.parse(versions.Versions[0].ServiceConfig).containers[0].env[0].value, "v2");
    const events = await t.call("DescribeServiceEvent", "GET", `${PATH}/events`);
    assert.ok(events.Events.some((e: any) => e.Reason === "Updating"));
    assert.equal(typeof events.TotalPageNum, "number");
  });

  test("UpdateServiceVersion goes back to version 1; a version that does not exist is refused", async () => {
    await t.call("UpdateServiceVersion", "PUT", `${PATH}/version`, { body: { Version: 1 } });
    const s = await settled();
    assert.equal(s.CurrentVersion, 1);
    assert.equal(s.LatestVersion, 2);
    assert.equal(await greet(), "v1");
    await assert.rejects(t.call("UpdateServiceVersion", "PUT", `${PATH}/version`, { body: { Version: 9 } }), (e: any) => e.code === "InvalidParameter");
  });

  test("ScaleService out, then in with InstancesToDelete; metadata.instance alone also scales", async () => {
    await t.call("ScaleService", "PUT", `${PATH}/scale`, { body: { Instance: 4 } });
    assert.equal((await describeService()).Status, "Scaling");
    assert.equal((await settled()).TotalInstance, 4);
    const four = await instances();
    assert.equal(four.length, 4);
    const victim = four[0].InstanceName;
    await t.call("ScaleService", "PUT", `${PATH}/scale`, { body: { Instance: 3, InstancesToDelete: [victim] }, signing: "v2" });
    await settled();
    const three = await waitFor(instances, (l) => l.length === 3, 30_000, "3 instances");
    assert.ok(!three.some((i) => i.InstanceName === victim), "the named instance was the one removed");
    await t.call("UpdateService", "PUT", PATH, { body: JSON.stringify({ metadata: { instance: 2 } }) });
    const s = await settled();
    assert.equal(s.TotalInstance, 2);
    assert.equal(s.LatestVersion, 2, "scaling makes no new version");
    assert.equal(JSON.parse(s.ServiceConfig).metadata.instance, 2);
  });

  test("RestartService restarts every instance one after another", async () => {
    const before = await instances();
    await t.call("RestartService", "PUT", `${PATH}/restart`);
    await settled();
    const after = await waitFor(instances, (l) => l.length === 2 && l.every((i) => i.ReadyProcesses === 1), 30_000, "ready");
    for (const b of before) {
      const a = after.find((i) => i.InstanceName === b.InstanceName);
      assert.ok(a && Date.parse(a.StartTime) >= Date.parse(b.StartTime));
    }
  });

  test("labels: update, filter ListServices by them, delete by Keys and LabelKeys", async () => {
    await t.call("UpdateServiceLabel", "PUT", `${PATH}/label`, { body: { Labels: { team: "ml", env: "dev", tier: "gold" } } });
    assert.equal((await describeService()).Labels.length, 3);
    const found = await t.call("ListServices", "GET", "/api/v2/services", { query: { Label: JSON.stringify({ team: "ml" }) } });
    assert.deepEqual(found.Services.map((s: any) => s.ServiceName), [NAME]);
    const none = await t.call("ListServices", "GET", "/api/v2/services", { query: { Label: JSON.stringify({ team: "web" }) } });
    assert.equal(none.TotalCount, 0);
    await t.call("DeleteServiceLabel", "DELETE", `${PATH}/label`, { query: { Keys: "env" } });
    await t.call("DeleteServiceLabel", "DELETE", `${PATH}/label`, { query: { LabelKeys: JSON.stringify(["tier"]) } });
    assert.deepEqual((await describeService()).Labels, [{ LabelKey: "team", LabelValue: "ml" }]);
  });

  test("logs come from the instances' output; endpoints, containers and regions answer", async () => {
    const logs = await t.call("DescribeServiceLog", "GET", `${PATH}/logs`, { query: { Keyword: "listening" } });
    assert.ok(logs.Logs.length > 0 && logs.Logs.every((l: string) => l.includes("listening")));
    assert.equal(typeof logs.TotalCount, "number");
    const [first] = await instances();
    const own = await t.call("DescribeServiceLog", "GET", `${PATH}/logs`, { query: { InstanceName: first.InstanceName, PageSize: 1 } });
    assert.equal(own.Logs.length, 1);
    await assert.rejects(t.call("DescribeServiceLog", "GET", `${PATH}/logs`, { query: { StartTime: "2024-01-01T00:00:00Z" } }), (e: any) => e.code === "InvalidParameter");
    const endpoints = await t.call("DescribeServiceEndpoints", "GET", `${PATH}/endpoints`);
    assert.equal(endpoints.AccessToken, token);
    assert.match(endpoints.Endpoints[0].InternetEndpoints[0], /\/api\/predict\/echo_life$/);
    const containers = await t.call("ListServiceContainers", "GET", `${PATH}/instances/${first.InstanceName}/containers`);
    assert.equal(containers.Containers[0].Port, 8000, "the spec's port is the container port");
    assert.equal(containers.Containers[0].Ready, true);
    const regions = await t.call("DescribeRegions", "GET", "/api/v2/regions");
    assert.ok(regions.Regions.some((r: any) => r.RegionId === "cn-hangzhou"));
  });

  test("UpdateService replace takes the body as the whole spec; a bad one is refused and nothing changes", async () => {
    await assert.rejects(t.call("UpdateService", "PUT", PATH, { body: JSON.stringify({ metadata: { instance: 1 } }), query: { UpdateType: "replace" } }), (e: any) => e.code === "InvalidParameter");
    const before = await describeService();
    assert.equal(before.Status, "Running");
    await t.call("UpdateService", "PUT", PATH, { body: JSON.stringify(echoSpec(NAME, 1, { env: { GREETING: "v3" } })), query: { UpdateType: "replace" } });
    const s = await settled();
    assert.equal(s.LatestVersion, before.LatestVersion + 1);
    assert.equal(s.TotalInstance, 1);
    assert.equal(await greet(), "v3");
  });
});
