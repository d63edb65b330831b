// Two `nestbox serve` processes on one PostgreSQL store, each with its own data directory (its own
// local replicas). Deployments requested of either run once, on the node that received them; an
// operation sent to the other node still runs where the replicas are.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { removeDir, tempDataDir } from "../server/harness.ts";
import { freshSchemaUrl, TEST_DATABASE_URL } from "../support/dialects.ts";
import { killReplicas, randomPort, replicaPids, serve, stop, TEST_AK, TEST_SECRET } from "../support/serve-process.ts";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const TEMPLATE = readFileSync(new URL("../../examples/hello-web/template.yaml", import.meta.url), "utf8");
const PER_NODE = 5;

const client = (port: number, apiVersion: string) =>
  new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion, accessKeyId: TEST_AK, accessKeySecret: TEST_SECRET });

describe("two nestbox processes on one PostgreSQL store", { skip: TEST_DATABASE_URL ? false : "skipped: NESTBOX_TEST_DATABASE_URL is not set" }, () => {
  const dirs = [tempDataDir(), tempDataDir()];
  after(() => {
    for (const dir of dirs) {
      killReplicas(dir);
      removeDir(dir);
    }
  });

  test("each deployment runs once, on the node that took it; a delete sent to the other node stops it there", async () => {
    const store = await freshSchemaUrl();
    const env = { NESTBOX_DATABASE_URL: store.url, NESTBOX_MASTER_KEY: randomBytes(32).toString("base64") };
    const ports = [randomPort(), randomPort()];
    // The first start migrates the schema; the second joins it.
    const a = await serve(dirs[0]!, ports[0]!, env);
    const b = await serve(dirs[1]!, ports[1]!, env);
    try {
      const supplier = client(ports[0]!, "2021-05-21");
      const post = { method: "POST" };
      const created = await supplier.request(
        "CreateService",
        {
          RegionId: "cn-hangzhou",
          DeployType: "ros",
          ShareType: "Public",
          "ServiceInfo.1.Locale": "en-US",
          "ServiceInfo.1.Name": "two-nodes",
          DeployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
        },
        post,
      );
      await supplier.request("RegisterService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId }, post);
      await supplier.request("LaunchService", { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, ServiceVersion: "1" }, post);

      // Requests alternate between the nodes, all at once.
      const requests = Array.from({ length: 2 * PER_NODE }, (_, i) => ({ i, node: i % 2 }));
      const made = await Promise.all(
        requests.map(async ({ i, node }) => {
          const r = await client(ports[node]!, "2021-06-01").request(
            "CreateServiceInstance",
            { RegionId: "cn-hangzhou", ServiceId: created.ServiceId, Name: `node-${i}`, Parameters: JSON.stringify({ Replicas: 1 }) },
            post,
          );
          return { id: r.ServiceInstanceId as string, node };
        }),
      );
      const status = async (id: string, port: number) =>
        (await client(port, "2021-06-01").request("GetServiceInstance", { RegionId: "cn-hangzhou", ServiceInstanceId: id }, post)) as {
          Status: string;
          StatusDetail: string;
        };
      const waitFor = async (id: string, port: number, wanted: string) => {
        for (const deadline = Date.now() + 60_000; ; ) {
          const got = await status(id, port).catch((e: { code?: string }) => {
            if (wanted === "Deleted" && e.code === "ServiceInstanceNotFound") return { Status: "Deleted", StatusDetail: "" };
            throw e;
          });
          if (got.Status === wanted) return;
          assert.notEqual(got.Status, "DeployedFailed", `${id}: ${got.StatusDetail}`);
          assert.ok(Date.now() < deadline, `${id} still ${got.Status}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      // Each node sees every instance: read them through the other node.
      for (const m of made) await waitFor(m.id, ports[1 - m.node]!, "Deployed");

      assert.equal(replicaPids(dirs[0]!).length, PER_NODE, "node A runs the replicas of the instances it took, once each");
      assert.equal(replicaPids(dirs[1]!).length, PER_NODE, "node B likewise");

      // Delete node A's instances through node B: the workflows run on A, where the replicas are.
      const onA = made.filter((m) => m.node === 0);
      await client(ports[1]!, "2021-06-01").request(
        "DeleteServiceInstances",
        { RegionId: "cn-hangzhou", ...Object.fromEntries(onA.map((m, k) => [`ServiceInstanceId.${k + 1}`, m.id])) },
        post,
      );
      for (const m of onA) await waitFor(m.id, ports[1]!, "Deleted");
      for (const deadline = Date.now() + 10_000; replicaPids(dirs[0]!).length > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(replicaPids(dirs[0]!), [], "node A's replicas are gone");
      assert.equal(replicaPids(dirs[1]!).length, PER_NODE, "node B's replicas are untouched");
    } finally {
      await stop(b);
      await stop(a);
      await store.drop();
    }
  });
});
