// Crash and resume for real: `nestbox serve` runs as a child process with NESTBOX_FAULT_POINT set,
// 20 deployments are requested at once (each with its own ClientToken), the process kills itself
// with SIGKILL at the named point, a new process starts on the same data directory, and the test
// retries every create (idempotent by token). Every instance must end Deployed, none may be lost
// or duplicated, and exactly one replica process must run per instance.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { FAULT_POINTS } from "../../src/engine/workflow/fault-points.ts";
import { removeDir, tempDataDir } from "../server/harness.ts";
import { killReplicas, randomPort, replicaPids, serve as serveOn, TEST_AK, TEST_SECRET } from "../support/serve-process.ts";

const serve = (dataDir: string, port: number, faultPoint?: string) => serveOn(dataDir, port, faultPoint ? { NESTBOX_FAULT_POINT: faultPoint } : {});

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const AK = TEST_AK;
const SECRET = TEST_SECRET;
const TEMPLATE = readFileSync(new URL("../../examples/hello-web/template.yaml", import.meta.url), "utf8");
const INSTANCES = 20;

describe("crash and resume of 20 concurrent deployments", { concurrency: false }, () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) {
      killReplicas(dir);
      removeDir(dir);
    }
  });

  for (const point of FAULT_POINTS) {
    test(`SIGKILL at ${point}: every instance ends Deployed, none lost or duplicated, one replica each`, async () => {
      const dataDir = tempDataDir();
      dirs.push(dataDir);
      const port = randomPort();
      // First a clean process publishes the service, so the crash comes during the deployments.
      let server = await serve(dataDir, port);
      const client = () => new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-05-21", accessKeyId: AK, accessKeySecret: SECRET });
      const nest = () => new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-06-01", accessKeyId: AK, accessKeySecret: SECRET });
      const created = await client().request(
        "CreateService",
        {
          RegionId: "cn-hangzhou",
          DeployType: "ros",
          ShareType: "Public",
          "ServiceInfo.1.Locale": "en-US",
          "ServiceInfo.1.Name": "crash",
          DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
        },
        { method: "POST" },
      );
      await client().request("RegisterService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId }, { method: "POST" });
      await client().request("LaunchService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, ServiceVersion: "1" }, { method: "POST" });
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));

      server = await serve(dataDir, port, `${point}@7`);
      const died = new Promise((r) => server.once("exit", (_code, signal) => r(signal)));
      const create = (i: number) =>
        nest().request(
          "CreateServiceInstance",
          { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Name: `crash-${i}`, ClientToken: `crash-${i}`, Parameters: JSON.stringify({ Replicas: 1 }) },
          { method: "POST" },
        );
      const first = await Promise.allSettled(Array.from({ length: INSTANCES }, (_, i) => create(i)));
      assert.equal(await died, "SIGKILL", `the fault point ${point} fired`);

      server = await serve(dataDir, port);
      try {
        // Retry every create: acknowledged ones answer the same instance (ClientToken), the rest are made now.
        const ids = new Map<number, string>();
        for (let i = 0; i < INSTANCES; i++) {
          const again = await create(i);
          const before = first[i]!;
          if (before.status === "fulfilled") assert.equal(again.ServiceInstanceId, before.value.ServiceInstanceId, "an acknowledged create is kept");
          ids.set(i, again.ServiceInstanceId);
        }
        assert.equal(new Set(ids.values()).size, INSTANCES);
        const deadline = Date.now() + 90_000;
        for (const id of ids.values()) {
          for (;;) {
            const got = await nest().request("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: id }, { method: "POST" });
            if (got.Status === "Deployed") break;
            assert.ok(got.Status !== "DeployedFailed" || got.StatusDetail, "a failure carries its reason");
            assert.notEqual(got.Status, "DeployedFailed", `${id}: ${got.StatusDetail}`);
            assert.ok(Date.now() < deadline, `${id} still ${got.Status}`);
            await new Promise((r) => setTimeout(r, 200));
          }
        }
        const listed = await nest().request("ListServiceInstances", { RegionId: "cn-hangzhou", MaxResults: 100 }, { method: "POST" });
        assert.equal(listed.TotalCount, INSTANCES, "no instance lost or duplicated");
        const pids = replicaPids(dataDir);
        assert.equal(pids.length, INSTANCES, "exactly one replica process per instance");
      } finally {
        server.kill("SIGTERM");
        await new Promise((r) => server.once("exit", r));
      }
    });
  }

  test("a nestbox restart keeps healthy replicas (same pids); a replica killed from outside is restarted", async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const port = randomPort();
    let server = await serve(dataDir, port);
    const rpc = (version: string) => new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: version, accessKeyId: AK, accessKeySecret: SECRET });
    const created = await rpc("2021-05-21").request(
      "CreateService",
      { RegionId: "cn-hangzhou", DeployType: "ros", ShareType: "Public", "ServiceInfo.1.Locale": "en-US", "ServiceInfo.1.Name": "keep", DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }) },
      { method: "POST" },
    );
    await rpc("2021-05-21").request("RegisterService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId }, { method: "POST" });
    await rpc("2021-05-21").request("LaunchService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, ServiceVersion: "1" }, { method: "POST" });
    const made = await rpc("2021-06-01").request(
      "CreateServiceInstance",
      { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Parameters: JSON.stringify({ Replicas: 2 }) },
      { method: "POST" },
    );
    const waitDeployed = async () => {
      for (const deadline = Date.now() + 30_000; ; ) {
        const got = await rpc("2021-06-01").request("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: made.ServiceInstanceId }, { method: "POST" });
        if (got.Status === "Deployed") return got;
        assert.ok(Date.now() < deadline, `still ${got.Status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const url = JSON.parse((await waitDeployed()).Outputs).Url;
    const before = replicaPids(dataDir).sort();
    assert.equal(before.length, 2);

    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    assert.equal(await (await fetch(url)).text(), "hello", "replicas outlive the control plane");
    server = await serve(dataDir, port);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(replicaPids(dataDir).sort(), before, "the restarted nestbox adopted the same processes");

      process.kill(before[0]!, "SIGKILL");
      let now: number[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
        now = replicaPids(dataDir);
        if (now.length === 2 && !now.includes(before[0]!)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(now.length, 2, "the killed replica was replaced");
      assert.ok(!now.includes(before[0]!) && now.includes(before[1]!), "only the killed replica changed");
    } finally {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  });
});
