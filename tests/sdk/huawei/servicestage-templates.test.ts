// ListTemplates / ListRuntimes / ListFlavors agree with what nestbox really runs (B.8): one starter
// package per runtime of this host (Nodejs, Python3 when python3 is on PATH, Java8 when java is,
// Custom), each with the vendor's TemplateView fields, a runtime that ListRuntimes lists, and a
// source_repo_url that CreateInstance takes as the artifact url. Every template is deployed with a
// listed flavor and answers HTTP. Storage `readOnly: true` is refused (the local driver cannot
// enforce it), naming the field. The requests carry `data: {}` like the typed client's GETs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHuaweiServer, waitFor, type HuaweiServer } from "./huawei-harness.ts";

const COMPONENTS = "/v2/{project_id}/cas/applications/{application_id}/components";
const INSTANCES = `${COMPONENTS}/{component_id}/instances`;

describe("ServiceStage templates, runtimes and flavors", () => {
  let h: HuaweiServer;
  let appId: string;
  let envId: string;
  const hostDir = mkdtempSync(join(tmpdir(), "ss-hostpath-"));

  before(async () => {
    h = await startHuaweiServer();
    appId = (await h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "templates" } })).id;
    envId = (await h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "local", deploy_mode: "virtualmachine", vpc_id: "local", base_resources: [{ id: "Default", type: "ecs" }] } })).id;
  });
  after(async () => {
    if (h) await h.close();
    rmSync(hostDir, { recursive: true, force: true });
  });

  /** A metadata GET as the typed ServiceStageClient sends it: with a signed `{}` body. */
  const metadata = (what: string) => h.client().sendRequest({ method: "GET", url: `/v2/{project_id}/cas/metadata/${what}`, contentType: "application/json", pathParams: {}, queryParams: {}, headers: {}, data: {} });

  const rejects = (p: Promise<unknown>, parameter: RegExp) =>
    assert.rejects(p, (e: any) => {
      assert.equal(e.httpStatusCode, 400, e.errorMsg);
      assert.equal(e.errorCode, "SVCSTG.00100400");
      assert.match(e.errorMsg, parameter);
      return true;
    });

  const component = async (name: string, runtime: string) =>
    (await h.call("POST", COMPONENTS, { pathParams: { application_id: appId }, body: { name, runtime, category: "Webapp", sub_category: "Web" } })).id as string;

  const instanceBody = (name: string, url: string, flavorId: string, configuration: Record<string, unknown> = {}) => ({
    name,
    environment_id: envId,
    replica: 1,
    flavor_id: flavorId,
    version: "1.0.0",
    artifacts: { [name]: { storage: "obs", type: "package", url, auth: "none" } },
    configuration: { probes: { readinessProbe: { type: "http", delay: 0, timeout: 2, parameters: { path: "/", port: 8080 } } }, ...configuration },
    refer_resources: [{ id: "Default", type: "ecs", parameters: { hosts: [] } }],
  });

  test("ListTemplates answers one runnable template per listed runtime, with the vendor's field types", async () => {
    const { templates } = await metadata("templates");
    const { runtimes } = await metadata("runtimes");
    const typeNames = runtimes.map((r: any) => r.type_name);
    assert.ok(templates.length >= 2, "Nodejs and Custom are always available");
    for (const t of templates) {
      assert.deepEqual(Object.keys(t).sort(), ["runtime", "source_repo_url", "source_type", "template_desc", "template_name"]);
      for (const k of Object.keys(t)) assert.equal(typeof t[k], "string", k);
      assert.ok(typeNames.includes(t.runtime), `${t.runtime} is a ListRuntimes type_name`);
      assert.equal(t.source_type, "artifact");
      assert.match(t.source_repo_url, /^file:\/\//);
    }
    const runtimesWithTemplates = templates.map((t: any) => t.runtime).sort();
    // Every runtime family nestbox lists has its template (Nodejs8 is an alias of Nodejs).
    assert.deepEqual(runtimesWithTemplates, typeNames.filter((n: string) => n !== "Nodejs8").sort());
    assert.equal(new Set(templates.map((t: any) => t.template_name)).size, templates.length);
  });

  test("every template deploys with a listed flavor and answers HTTP", async () => {
    const { templates } = await metadata("templates");
    const { flavors } = await metadata("flavors");
    assert.ok(flavors.length > 0);
    for (const f of flavors) {
      for (const k of ["flavor_id", "storage_size", "num_cpu", "num_cpu_init", "memory_size", "memory_size_init", "label"]) assert.equal(typeof f[k], "string", k);
      assert.equal(typeof f.custom, "boolean");
    }
    const started = await Promise.all(
      templates.map(async (t: any, i: number) => {
        const name = t.template_name as string;
        const componentId = await component(name, t.runtime);
        const entrypoint = t.runtime === "Custom" ? { lifecycle: { entrypoint: { command: ["sh", "start.sh"], args: [] } } } : {};
        const flavorId = flavors[i % flavors.length].flavor_id;
        const created = await h.call("POST", INSTANCES, { pathParams: { application_id: appId, component_id: componentId }, body: instanceBody(name, t.source_repo_url, flavorId, entrypoint) });
        return { name, componentId, instanceId: created.instance_id as string, jobId: created.job_id as string };
      }),
    );
    for (const s of started) {
      const done = await waitFor(`job of ${s.name}`, async () => {
        const got = await h.call("GET", "/v2/{project_id}/cas/jobs/{job_id}", { pathParams: { job_id: s.jobId } });
        return ["SUCCEEDED", "FAILED"].includes(got.job.EXECUTION_STATUS) ? got : undefined;
      }, 120_000);
      assert.equal(done.job.EXECUTION_STATUS, "SUCCEEDED", `${s.name}: ${JSON.stringify(done.tasks)}`);
      const shown = await h.call("GET", `${INSTANCES}/{instance_id}`, { pathParams: { application_id: appId, component_id: s.componentId, instance_id: s.instanceId } });
      assert.equal(shown.status_detail.status, "RUNNING");
      const res = await fetch(`http://${shown.external_accesses[0].address}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /^hello from the \w+ template/);
    }
  });

  test("readOnly: true on a HostPath or EmptyDir mount is refused, naming the field; false is accepted", async () => {
    const componentId = await component("mounts", "Nodejs");
    const { templates } = await metadata("templates");
    const url = templates.find((t: any) => t.runtime === "Nodejs").source_repo_url;
    const create = (configuration: Record<string, unknown>, name = "mounts") =>
      h.call("POST", INSTANCES, { pathParams: { application_id: appId, component_id: componentId }, body: instanceBody(name, url, "MICRO-5G:0.5C:1G", configuration) });
    await rejects(
      create({ storage: [{ type: "HostPath", parameters: { path: hostDir }, mounts: [{ path: "/data", readOnly: true }] }] }),
      /configuration\.storage\[0\]\.mounts\[0\]\.readOnly cannot be enforced by the local driver/,
    );
    await rejects(
      create({ storage: [{ type: "EmptyDir", parameters: {}, mounts: [{ path: "/a" }, { path: "/cache", readOnly: true }] }] }),
      /configuration\.storage\[0\]\.mounts\[1\]\.readOnly cannot be enforced/,
    );
    await rejects(create({ storage: [{ type: "EmptyDir", mounts: [{ path: "/cache", readOnly: "yes" }] }] }), /mounts\[0\]\.readOnly must be a boolean/);

    const created = await create({ storage: [{ type: "HostPath", parameters: { path: hostDir }, mounts: [{ path: "/data", readOnly: false }] }] });
    assert.match(created.job_id, /^JOB/);
    // A modify that brings readOnly back is refused the same way.
    await rejects(
      h.call("PUT", `${INSTANCES}/{instance_id}`, {
        pathParams: { application_id: appId, component_id: componentId, instance_id: created.instance_id },
        body: { version: "1.0.1", configuration: { storage: [{ type: "EmptyDir", mounts: [{ path: "/cache", readOnly: true }] }] } },
      }),
      /configuration\.storage\[0\]\.mounts\[0\]\.readOnly/,
    );
  });
});
