// ServiceStage end to end through the official Huawei core (HcClient + BasicCredentials, plain
// http): application, environment, component and a 2-replica instance of a real package; RUNNING
// through its job; ShowInstanceDetail answers every field of the seed example with its documented
// type; a wrong secret, an expired X-Sdk-Date and an unknown instance get the documented errors.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { buildPackage } from "../../fixtures/servicestage/packages.ts";
import { AK, REGION, assertSameShape, startHuaweiServer, waitFor, type HuaweiServer } from "./huawei-harness.ts";

const SEED = JSON.parse(readFileSync(new URL("../../../../shared/spec/examples/ShowInstanceDetail.json", import.meta.url), "utf8"));
/** Documented types of the seed's null values (servicestage-GetComponentInstance.txt). */
const DOCUMENTED = {
  "$.creator": "string",
  "$.external_accesses": "array",
  "$.status_detail.fail_detail": "string",
  "$.configuration.lifecycle.post-start": "object",
  "$.configuration.lifecycle.pre-stop": "object",
};
const INSTANCES = "/v2/{project_id}/cas/applications/{application_id}/components/{component_id}/instances";

describe("ServiceStage instances through huaweicloud-sdk-core", () => {
  let h: HuaweiServer;
  let appId: string;
  let envId: string;
  let componentId: string;
  let instanceId: string;

  before(async () => {
    h = await startHuaweiServer();
  });
  after(async () => {
    if (h) await h.close();
  });

  const job = (jobId: string) => h.call("GET", "/v2/{project_id}/cas/jobs/{job_id}", { pathParams: { job_id: jobId } });
  const waitJob = (jobId: string, timeoutMs = 90_000) =>
    waitFor(`job ${jobId}`, async () => {
      const got = await job(jobId);
      return got.job.EXECUTION_STATUS === "SUCCEEDED" || got.job.EXECUTION_STATUS === "FAILED" ? got : undefined;
    }, timeoutMs);
  const detail = (id = instanceId) =>
    h.call("GET", `${INSTANCES}/{instance_id}`, { pathParams: { application_id: appId, component_id: componentId, instance_id: id } });

  test("project discovery: GET /v3/projects?name={region} answers the caller's one project", async () => {
    const got = await h.call("GET", "/v3/projects", { queryParams: { name: REGION } });
    assert.equal(got.projects.length, 1);
    assert.equal(got.projects[0].id, h.projectId);
    assert.equal(got.projects[0].name, REGION);
  });

  test("create an application, environment, component and a 2-replica instance; RUNNING through the job", async () => {
    const app = await h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "shop", description: "the shop" } });
    appId = app.id;
    assert.equal(app.project_id, h.projectId);
    assert.equal(typeof app.create_time, "number");
    const env = await h.call("POST", "/v2/{project_id}/cas/environments", {
      body: { name: "dev", deploy_mode: "virtualmachine", vpc_id: "local", base_resources: [{ id: "Default", type: "ecs" }] },
    });
    envId = env.id;
    const component = await h.call("POST", "/v2/{project_id}/cas/applications/{application_id}/components", {
      pathParams: { application_id: appId },
      body: { name: "web", runtime: "Nodejs8", category: "Webapp", sub_category: "Web" },
    });
    componentId = component.id;
    await h.call("PUT", "/v2/{project_id}/cas/applications/{application_id}/configuration", {
      pathParams: { application_id: appId },
      body: { environment_id: envId, configuration: { env: [{ name: "APP_LEVEL", value: "from-app" }] } },
    });
    const created = await h.call("POST", INSTANCES, {
      pathParams: { application_id: appId, component_id: componentId },
      body: {
        name: "web-dev",
        environment_id: envId,
        replica: 2,
        flavor_id: "MICRO-5G:0.5C:1G",
        version: "1.0.0",
        artifacts: { web: { storage: "obs", type: "package", url: buildPackage("1.0.0"), auth: "none" } },
        configuration: { env: [{ name: "GREETING", value: "hello" }], probes: { readinessProbe: { type: "http", delay: 0, timeout: 1, parameters: { path: "/healthz", port: 8080 } } } },
        refer_resources: [{ id: "Default", type: "ecs", parameters: { hosts: [] } }],
      },
    });
    instanceId = created.instance_id;
    assert.match(created.job_id, /^JOB[0-9a-f-]{36}$/);
    const done = await waitJob(created.job_id);
    assert.equal(done.job.EXECUTION_STATUS, "SUCCEEDED", JSON.stringify(done.tasks));
    assert.equal(done.job.JOB_TYPE, "PROVISION");
    assert.equal(done.job.SERVICE_INSTANCE_ID, instanceId);
    assert.ok(done.task_count >= 2);
    assert.equal(done.tasks.every((t: any) => t.TASK_STATUS === "SUCCEEDED" && t.task_status === "SUCCEEDED"), true);

    const shown = await detail();
    assert.equal(shown.status_detail.status, "RUNNING");
    assert.equal(shown.status_detail.replica, 2);
    assert.equal(shown.status_detail.available_replica, 2);
    assert.equal(shown.status_detail.last_job_id, created.job_id);
    assert.equal(shown.status_detail.last_job_status, "SUCCEEDED");
    // The replicas really answer, with the package's version and the merged variables.
    assert.equal(shown.external_accesses.length, 2);
    for (const access of shown.external_accesses) {
      const body = JSON.parse(await get(access.address));
      assert.deepEqual([body.version, body.greeting, body.app, body.appLevel], ["1.0.0", "hello", "shop", "from-app"]);
    }
  });

  test("ShowInstanceDetail returns every field of the seed example with the documented type", async () => {
    const shown = await detail();
    // Open maps keep their types, not their keys: artifacts is keyed by component name ("test-micro"
    // in the seed, "web" here) and refer_resources[].parameters by resource type (cce: namespace; ecs: hosts).
    const seed = { ...SEED, artifacts: { web: SEED.artifacts["test-micro"] }, refer_resources: [{ ...SEED.refer_resources[0], parameters: {} }] };
    assertSameShape(shown, seed, DOCUMENTED);
    assert.equal(shown.configuration.env.find((e: any) => e.name === "PAAS_PROJECT_ID").value, h.projectId);
    assert.equal(shown.configuration.strategy.upgrade, "RollingUpdate");
    const listed = await h.call("GET", INSTANCES, { pathParams: { application_id: appId, component_id: componentId }, queryParams: { limit: 10 } });
    assert.equal(listed.count, 1);
    assert.equal(listed.instances[0].component_name, "web");
    assert.equal(listed.instances[0].environment_name, "dev");
  });

  test("a wrong secret is 401 APIGW.0301 with a request id", async () => {
    await assert.rejects(h.call("GET", "/v2/{project_id}/cas/applications", { sk: "not-the-secret" }), (e: any) => {
      assert.equal(e.httpStatusCode, 401);
      assert.equal(e.errorCode, "APIGW.0301");
      assert.match(e.errorMsg, /verify aksk signature fail/);
      assert.match(e.requestId, /^[0-9a-f]{32}$/);
      return true;
    });
  });

  test("an expired X-Sdk-Date is 401 APIGW.0301 with a request id", async () => {
    const res = await rawSigned(h, "GET", `/v2/${h.projectId}/cas/applications`, "20200101T000000Z");
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).error_code, "APIGW.0301");
    assert.match(JSON.parse(res.body).error_msg, /expired/);
    assert.match(res.headers["x-request-id"] as string, /^[0-9a-f]{32}$/);
  });

  test("an unknown instance is 404 SVCSTG.00100404 with a request id", async () => {
    await assert.rejects(detail("00000000-0000-0000-0000-000000000000"), (e: any) => {
      assert.equal(e.httpStatusCode, 404);
      assert.equal(e.errorCode, "SVCSTG.00100404");
      assert.match(e.requestId, /^[0-9a-f]{32}$/);
      return true;
    });
  });

  test("delete the instance through its job; then it is gone", async () => {
    const { job_id } = await h.call("DELETE", `${INSTANCES}/{instance_id}`, { pathParams: { application_id: appId, component_id: componentId, instance_id: instanceId } });
    assert.equal((await waitJob(job_id)).job.EXECUTION_STATUS, "SUCCEEDED");
    await assert.rejects(detail(), (e: any) => e.httpStatusCode === 404);
  });
});

function get(address: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(`http://${address}/`, { agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(body));
    })
      .on("error", reject)
      .end();
  });
}

/** A request signed by the official AKSKSigner with a chosen X-Sdk-Date (the client always uses now). */
async function rawSigned(h: HuaweiServer, method: string, path: string, sdkDate: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  const url = new URL(path, h.endpoint);
  const headers = AKSKSigner.sign(
    { method, endpoint: url.href, queryParams: {}, headers: { "content-type": "application/json", "X-Sdk-Date": sdkDate } },
    new BasicCredentials().withAk(AK).withSk("hwsdktestsecret00000000000000000"),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    request(url, { method, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on("error", reject)
      .end();
  });
}
