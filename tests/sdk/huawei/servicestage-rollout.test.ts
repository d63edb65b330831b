// ServiceStage instance changes through the official Huawei core, checked against the real
// replicas: a rolling upgrade of 4 replicas with maxUnavailable 1 keeps at least 3 answering and
// ends on the new version, rollback returns to the old one; scale and stop/start move
// available_replica with the processes; a release whose readiness probe fails does not finish.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { buildPackage } from "../../fixtures/servicestage/packages.ts";
import { startHuaweiServer, waitFor, type HuaweiServer } from "./huawei-harness.ts";

const INSTANCE = "/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances/{instance_id}";
const READINESS = { readinessProbe: { type: "http", delay: 0, timeout: 1, parameters: { path: "/healthz", port: 8080 } } };

describe("ServiceStage rolling updates, actions and failing readiness", () => {
  let h: HuaweiServer;
  let appId: string;
  let envId: string;
  let componentId: string;

  before(async () => {
    h = await startHuaweiServer();
    appId = (await h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "rollouts" } })).id;
    envId = (await h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "prod", deploy_mode: "virtualmachine", vpc_id: "local", base_resources: [{ id: "Default", type: "ecs" }] } })).id;
    componentId = (await h.call("POST", "/v2/{project_id}/cas/applications/{application_id}/components", { pathParams: { application_id: appId }, body: { name: "api", runtime: "Nodejs8", category: "Webapp" } })).id;
  });
  const createdIds: string[] = [];
  after(async () => {
    // Replicas outlive the server (they are re-adopted by the next one): delete what was made.
    for (const id of createdIds) {
      const { job_id } = await h.call("DELETE", INSTANCE, { pathParams: params(id) }).catch(() => ({ job_id: undefined }));
      if (job_id) await finished(job_id).catch(() => undefined);
    }
    if (h) await h.close();
  });

  const params = (instanceId: string) => ({ application_id: appId, component_id: componentId, instance_id: instanceId });
  const detail = (id: string) => h.call("GET", INSTANCE, { pathParams: params(id) });
  const jobOf = (jobId: string) => h.call("GET", "/v2/{project_id}/cas/jobs/{job_id}", { pathParams: { job_id: jobId } });
  const finished = (jobId: string) =>
    waitFor(`job ${jobId}`, async () => {
      const got = await jobOf(jobId);
      return ["SUCCEEDED", "FAILED"].includes(got.job.EXECUTION_STATUS) ? got : undefined;
    }, 120_000);
  const action = (id: string, body: unknown) => h.call("POST", `${INSTANCE}/action`, { pathParams: params(id), body });
  /** Versions answered by the replicas the detail lists (one GET each, at once). */
  const answering = async (id: string): Promise<string[]> => {
    const shown = await detail(id);
    const got = await Promise.all(shown.external_accesses.map((a: any) => get(a.address).then((b) => JSON.parse(b).version as string, () => undefined)));
    return got.filter((v): v is string => v !== undefined);
  };

  async function createInstance(name: string, replica: number, version: string): Promise<string> {
    const created = await h.call("POST", "/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances", {
      pathParams: { application_id: appId, component_id: componentId },
      body: {
        name,
        environment_id: envId,
        replica,
        flavor_id: "SMALL-10G:1.0C:2G",
        version,
        artifacts: { api: { storage: "obs", type: "package", url: buildPackage(version), auth: "none" } },
        configuration: { probes: READINESS, strategy: { upgrade: "RollingUpdate", spec: { maxSurge: 0, maxUnavailable: 1 } } },
        refer_resources: [{ id: "Default", type: "ecs" }],
      },
    });
    createdIds.push(created.instance_id);
    assert.equal((await finished(created.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    return created.instance_id;
  }

  test("rolling upgrade of 4 replicas never has fewer than 3 answering, ends on the new version; rollback returns", async () => {
    const id = await createInstance("api-rolling", 4, "1.0.0");
    assert.deepEqual(await answering(id), ["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);
    const { job_id } = await h.call("PUT", INSTANCE, {
      pathParams: params(id),
      body: { version: "2.0.0", artifacts: { api: { storage: "obs", type: "package", url: buildPackage("2.0.0", "zip"), auth: "none" } } },
    });
    let samples = 0;
    let least = Infinity;
    for (;;) {
      const status = (await jobOf(job_id)).job.EXECUTION_STATUS;
      const up = (await answering(id)).length;
      samples++;
      least = Math.min(least, up);
      assert.ok(up >= 3, `only ${up} replicas answered during the upgrade`);
      if (status === "SUCCEEDED" || status === "FAILED") break;
    }
    assert.ok(samples > 3, `sampled ${samples} times`);
    const job = await jobOf(job_id);
    assert.equal(job.job.EXECUTION_STATUS, "SUCCEEDED", JSON.stringify(job.tasks.map((t: any) => t.MESSAGES)));
    assert.ok(job.tasks.filter((t: any) => t.TASK_TYPE === "ROLLOUT").length >= 4, "one rollout round per replica");
    assert.deepEqual(await answering(id), ["2.0.0", "2.0.0", "2.0.0", "2.0.0"]);
    const shown = await detail(id);
    assert.equal(shown.version, "2.0.0");
    assert.equal(shown.status_detail.status, "RUNNING");
    assert.equal(shown.status_detail.available_replica, 4);

    const snapshots = await h.call("GET", `${INSTANCE}/snapshots`, { pathParams: params(id), queryParams: { snapshot_order_by: "version", order: "asc" } });
    assert.deepEqual(snapshots.snapshots.map((s: any) => s.version), ["1.0.0", "2.0.0"]);
    const back = await action(id, { action: "rollback", parameters: { version: "1.0.0" } });
    assert.equal((await finished(back.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    assert.deepEqual(await answering(id), ["1.0.0", "1.0.0", "1.0.0", "1.0.0"]);
    assert.equal((await detail(id)).version, "1.0.0");
  });

  test("a release whose readiness probe fails keeps the upgrade from finishing; the instance stays on healthy replicas", async () => {
    const id = await createInstance("api-broken", 2, "1.0.0");
    const { job_id } = await h.call("PUT", INSTANCE, {
      pathParams: params(id),
      body: { version: "3.0.0", artifacts: { api: { storage: "obs", type: "package", url: buildPackage("3.0.0", "tar.gz", { unhealthy: true }), auth: "none" } } },
    });
    const job = await finished(job_id);
    assert.equal(job.job.EXECUTION_STATUS, "FAILED");
    const failedTask = job.tasks.find((t: any) => t.TASK_STATUS === "FAILED");
    assert.match(failedTask.MESSAGES, /did not become ready.*\/healthz/s);
    const shown = await detail(id);
    assert.equal(shown.version, "1.0.0");
    assert.equal(shown.status_detail.last_job_status, "FAILED");
    assert.match(shown.status_detail.fail_detail, /did not become ready/);
    assert.equal(shown.status_detail.status, "RUNNING");
    assert.equal(shown.status_detail.available_replica, 2);
    assert.deepEqual(await answering(id), ["1.0.0", "1.0.0"]);
  });

  test("scale up and down, stop and start: available_replica follows the real processes", async () => {
    const id = await createInstance("api-scale", 1, "1.0.0");
    const scaled = await action(id, { action: "scale", parameters: { replica: 3 } });
    assert.equal((await finished(scaled.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    let shown = await detail(id);
    assert.deepEqual([shown.status_detail.replica, shown.status_detail.available_replica], [3, 3]);
    assert.equal((await answering(id)).length, 3);

    const down = await action(id, { action: "scale", parameters: { replica: 1 } });
    assert.equal((await finished(down.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    shown = await detail(id);
    assert.deepEqual([shown.status_detail.replica, shown.status_detail.available_replica], [1, 1]);
    const address = shown.external_accesses[0].address;

    const stopped = await action(id, { action: "stop" });
    assert.equal((await finished(stopped.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    shown = await detail(id);
    assert.deepEqual([shown.status_detail.status, shown.status_detail.available_replica], ["STOPPED", 0]);
    await assert.rejects(get(address));

    const started = await action(id, { action: "start" });
    assert.equal((await finished(started.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    shown = await detail(id);
    assert.deepEqual([shown.status_detail.status, shown.status_detail.available_replica], ["RUNNING", 1]);
    assert.equal((await answering(id)).length, 1);

    const restarted = await action(id, { action: "restart" });
    assert.equal((await finished(restarted.job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    assert.equal((await detail(id)).status_detail.available_replica, 1);
  });
});

function get(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(`http://${address}/`, { agent: false, timeout: 2000 }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`))));
    })
      .on("timeout", function (this: any) {
        this.destroy(new Error("timeout"));
      })
      .on("error", reject)
      .end();
  });
}
