// PAI-EAS through the official clients against a real nestbox: a 3-instance service is created
// (openapi-client ACS3), becomes Running, and its instances are listed with every field of the
// seed example in the SDK model's type (ACS3, signatureAlgorithm v2, pop-core ROAClient).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { replicaPids } from "../../support/serve-process.ts";
import { echoSpec, REGION, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const SEED = JSON.parse(readFileSync(new URL("../../../../shared/spec/examples/ListServiceInstances.json", import.meta.url), "utf8"));

/** Types of the SDK's Instance model (eas-20210701 models/Instance.ts `types()`). */
const INSTANCE_TYPES: Record<string, string> = {
  CreateTime: "string", CurrentAmount: "number", Detached: "boolean", ExternalIP: "string", ExternalInstancePort: "number", HostIP: "string",
  HostName: "string", InnerIP: "string", InstanceName: "string", InstancePort: "number", InstanceType: "string", IsLatest: "boolean",
  IsReplica: "boolean", IsSpot: "boolean", Isolated: "boolean", LastState: "array", Namespace: "string", OriginalAmount: "number",
  ReadyProcesses: "number", Reason: "string", ReplicaName: "string", ResourceType: "string", RestartCount: "number", Role: "string",
  StartAt: "string", StartTime: "string", Status: "string", TenantHostIP: "string", TenantInstanceIP: "string", TotalProcesses: "number", Zone: "string",
};

/** Types of the SDK's Service model (models/Service.ts `types()`). */
const SERVICE_TYPES: Record<string, string> = {
  AccessToken: "string", AppConfig: "string", AppSpecName: "string", AppType: "string", AppVersion: "string", AutoscalerEnabled: "boolean",
  CallerUid: "string", Cpu: "number", CreateTime: "string", CronscalerEnabled: "boolean", CurrentVersion: "number", ExtraData: "string",
  GPUCorePercentage: "number", GPUMemory: "number", Gateway: "string", Gpu: "number", Image: "string", InstanceCountInResource: "object",
  InternetEndpoint: "string", IntranetEndpoint: "string", Labels: "array", LatestVersion: "number", Memory: "number", Message: "string",
  Namespace: "string", ParentUid: "string", PendingInstance: "number", QuotaId: "string", Reason: "string", Region: "string", RequestId: "string",
  Resource: "string", ResourceAlias: "string", ResourceBurstable: "boolean", Role: "string", RoleAttrs: "string", RunningInstance: "number",
  SafetyLock: "string", SecondaryInternetEndpoint: "string", SecondaryIntranetEndpoint: "string", ServiceConfig: "string", ServiceGroup: "string",
  ServiceId: "string", ServiceName: "string", ServiceUid: "string", Source: "string", Status: "string", TotalInstance: "number",
  TrafficState: "string", UpdateTime: "string", Weight: "number", WorkloadType: "string", WorkspaceId: "string",
};

const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);

function assertTypes(actual: Record<string, unknown>, types: Record<string, string>, what: string): void {
  for (const [key, type] of Object.entries(types)) assert.equal(kind(actual[key]), type, `${what}.${key} = ${JSON.stringify(actual[key])}`);
}

describe("PAI-EAS services through the official clients", () => {
  let t: EasTestServer;
  before(async () => {
    t = await startEasServer();
  });
  after(() => t.close());

  test("create 3 instances, wait for Running, list instances with the seed's fields and types", async () => {
    const created = await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec("echo_three", 3)), query: { Labels: JSON.stringify({ team: "ml" }) } });
    assert.match(created.ServiceId, /^eas-m-/);
    assert.equal(created.ServiceName, "echo_three");
    assert.equal(created.Status, "Creating");
    assert.equal(created.Region, "cn-hangzhou", "no region named, no vendor host: nestbox's default region");
    assert.match(created.InternetEndpoint, /\/api\/predict\/echo_three$/);

    const path = servicePath("echo_three", "", "cn-hangzhou");
    const running = await waitFor(() => t.call("DescribeService", "GET", path), (s) => s.Status === "Running", 60_000, "Running");
    assertTypes(running, SERVICE_TYPES, "Service");
    assert.equal(running.TotalInstance, 3);
    assert.equal(running.RunningInstance, 3);
    assert.equal(running.PendingInstance, 0);
    assert.equal(running.Cpu, 2);
    assert.equal(running.Memory, 2000);
    assert.equal(running.CurrentVersion, 1);
    assert.deepEqual(running.Labels, [{ LabelKey: "team", LabelValue: "ml" }]);
    assert.equal(JSON.parse(running.ServiceConfig).metadata.instance, 3);

    const seedInstance = SEED.Instances[0];
    for (const signing of ["acs3", "v2"] as const) {
      const list = await t.call("ListServiceInstances", "GET", `${path}/instances`, { signing });
      assert.equal(list.TotalCount, 3);
      assert.equal(list.PageNumber, 1);
      assert.equal(list.Instances.length, 3);
      for (const key of Object.keys(SEED)) assert.ok(key in list, `response.${key}`);
      for (const i of list.Instances) {
        for (const key of Object.keys(seedInstance)) assert.ok(key in i, `Instance.${key} is missing`);
        assertTypes(i, INSTANCE_TYPES, "Instance");
        assert.match(i.InstanceName, /^echo-three-[a-z0-9]{10}-[a-z0-9]{5}$/);
        assert.equal(i.Status, "Running");
        assert.equal(i.Reason, "RUNNING");
        assert.equal(i.ReadyProcesses, 1);
        assert.equal(i.TotalProcesses, 1);
        assert.equal(i.InnerIP, "127.0.0.1");
        assert.equal(i.Isolated, false);
        assert.ok(i.InstancePort > 0 && i.InstancePort !== 8000, "each instance serves on its own PORT");
        assert.ok(!Number.isNaN(Date.parse(i.StartTime)));
        // The instance really answers on its port.
        const answer = (await (await fetch(`http://127.0.0.1:${i.InstancePort}/ping`)).json()) as { port: number };
        assert.equal(answer.port, i.InstancePort);
      }
      assert.equal(new Set(list.Instances.map((i: any) => i.InstancePort)).size, 3);
    }
    const viaPop = await t.pop.get(`/api/v2/services/cn-hangzhou/echo_three/instances`, { PageSize: 2 });
    assert.equal(viaPop.TotalCount, 3);
    assert.equal(viaPop.Instances.length, 2);

    const listed = await t.call("ListServices", "GET", "/api/v2/services", { query: { Filter: "three" } });
    assert.equal(listed.TotalCount, 1);
    assertTypes(listed.Services[0], Object.fromEntries(Object.entries(SERVICE_TYPES).filter(([k]) => k !== "RequestId")), "Services[0]");
  });

  test("a vendor host name picks the region; ClusterId names it", async () => {
    const created = await t.pop.post("/api/v2/services", {}, JSON.stringify(echoSpec("hosted", 1)), { host: `pai-eas.${REGION}.aliyuncs.com`, "content-type": "application/json" });
    assert.equal(created.Region, REGION);
    const d = await waitFor(() => t.pop.get(`/api/v2/services/${REGION}/hosted`, {}), (s: any) => s.Status === "Running", 60_000, "Running");
    assert.equal(d.Region, REGION);
    await assert.rejects(t.call("DescribeService", "GET", servicePath("hosted", "", "cn-hangzhou")), (e: any) => e.code === "InvalidService.NotFound");
  });

  for (const signing of ["acs3", "v2"] as const) {
    test(`errors in the EAS body (${signing}): unknown service, bad spec, container image`, async () => {
      await assert.rejects(t.call("DescribeService", "GET", servicePath("nope"), { signing }), (e: any) => e.code === "InvalidService.NotFound" && e.statusCode === 404 && /nope/.test(e.message));
      await assert.rejects(t.call("ListServiceInstances", "GET", servicePath("nope", "/instances"), { signing }), (e: any) => e.code === "InvalidService.NotFound");
      await assert.rejects(t.call("CreateService", "POST", "/api/v2/services", { body: "{not json", signing }), (e: any) => e.code === "InvalidParameter" && e.statusCode === 400);
      const image = { name: "with_image", containers: [{ image: "registry.example/model:1", port: 8000 }], metadata: { instance: 1 } };
      await assert.rejects(t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(image), signing }), (e: any) => e.code === "InvalidParameter" && /kubernetes driver/.test(e.message));
      await assert.rejects(t.call("ListServiceInstances", "GET", servicePath("nope", "", "xx-nowhere-1") + "/instances", { signing }), (e: any) => e.code === "InvalidRegionId");
    });
  }

  test("a second service of the same name is refused; delete makes it unknown and stops its processes", async () => {
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec("short_lived", 1)) });
    await assert.rejects(t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec("short_lived", 1)) }), (e: any) => e.statusCode === 409);
    const path = servicePath("short_lived", "", "cn-hangzhou");
    await waitFor(() => t.call("DescribeService", "GET", path), (s) => s.Status === "Running", 60_000, "Running");
    const [instance] = (await t.call("ListServiceInstances", "GET", `${path}/instances`)).Instances;
    const deleted = await t.call("DeleteService", "DELETE", path);
    assert.match(deleted.Message, /terminating/);
    await waitFor(
      () => t.call("DescribeService", "GET", path).then(() => "exists", (e: any) => e.code),
      (code) => code === "InvalidService.NotFound",
      30_000,
      "deleted",
    );
    await assert.rejects(fetch(`http://127.0.0.1:${instance.InstancePort}/`), "the instance's process is gone");
  });

  test("a service that never becomes ready is deleted anyway: its create is cancelled and its processes stop", async () => {
    const spec = { metadata: { name: "never_ready", instance: 2 }, containers: [{ script: `exec ${JSON.stringify(process.execPath)} -e "setInterval(() => {}, 1000)"`, port: 8000 }] };
    const dataDir = t.s.server.dataDir;
    const others = replicaPids(dataDir).length;
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(spec) });
    const path = servicePath("never_ready", "", "cn-hangzhou");
    await waitFor(async () => replicaPids(dataDir).length, (n) => n === others + 2, 60_000, "both processes started");
    assert.match((await t.call("DescribeService", "GET", path)).Status, /^(Creating|Waiting)$/);

    await t.call("DeleteService", "DELETE", path);
    await waitFor(() => t.call("DescribeService", "GET", path).then(() => "exists", (e: any) => e.code), (code) => code === "InvalidService.NotFound", 30_000, "deleted");
    await waitFor(async () => replicaPids(dataDir).length, (n) => n === others, 30_000, "none of its processes left");
  });
});
