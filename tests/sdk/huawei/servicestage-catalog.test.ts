// Applications, environments and components through the official Huawei core: the field rules
// of B.3-B.5 answer 400 SVCSTG.00100400, taken names and non-empty parents 409, deletes 204;
// lists page with limit/offset/order_by/order and a count; application configuration per environment.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startHuaweiServer, type HuaweiServer } from "./huawei-harness.ts";

describe("ServiceStage applications, environments and components", () => {
  let h: HuaweiServer;
  before(async () => {
    h = await startHuaweiServer();
  });
  after(async () => {
    if (h) await h.close();
  });

  const rejects = (p: Promise<unknown>, status: number, code: string, message?: RegExp) =>
    assert.rejects(p, (e: any) => {
      assert.equal(e.httpStatusCode, status, e.errorMsg);
      assert.equal(e.errorCode, code);
      if (message) assert.match(e.errorMsg, message);
      assert.match(e.requestId, /^[0-9a-f]{32}$/);
      return true;
    });

  test("application rules, paging and delete", async () => {
    await rejects(h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "1bad" } }), 400, "SVCSTG.00100400", /name/);
    await rejects(h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "ok-name", description: "x".repeat(129) } }), 400, "SVCSTG.00100400", /description/);
    const ids: string[] = [];
    for (const name of ["alpha", "bravo", "charlie"]) ids.push((await h.call("POST", "/v2/{project_id}/cas/applications", { body: { name } })).id);
    await rejects(h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "alpha" } }), 409, "SVCSTG.00100409");
    const page = await h.call("GET", "/v2/{project_id}/cas/applications", { queryParams: { limit: 2, offset: 1, order_by: "name", order: "asc" } });
    assert.equal(page.count, 3);
    assert.deepEqual(page.applications.map((a: any) => a.name), ["bravo", "charlie"]);
    await rejects(h.call("GET", "/v2/{project_id}/cas/applications", { queryParams: { limit: 101 } }), 400, "SVCSTG.00100400", /limit/);
    const changed = await h.call("PUT", "/v2/{project_id}/cas/applications/{application_id}", { pathParams: { application_id: ids[0]! }, body: { description: "first" } });
    assert.equal(changed.description, "first");
    assert.equal(changed.component_count, 0);
    const deleted = await h.call("DELETE", "/v2/{project_id}/cas/applications/{application_id}", { pathParams: { application_id: ids[2]! } });
    assert.equal(deleted.httpStatusCode, 204);
    await rejects(h.call("GET", "/v2/{project_id}/cas/applications/{application_id}", { pathParams: { application_id: ids[2]! } }), 404, "SVCSTG.00100404");
  });

  test("environment rules and resources", async () => {
    await rejects(h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "env-a", vpc_id: "v", base_resources: [{ id: "x", type: "rds" }] } }), 400, "SVCSTG.00100400", /basic resource/);
    await rejects(h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "env-a", vpc_id: "v", deploy_mode: "moon", base_resources: [{ id: "Default", type: "ecs" }] } }), 400, "SVCSTG.00100400", /deploy_mode/);
    const env = await h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "env-a", vpc_id: "v", deploy_mode: "virtualmachine", base_resources: [{ id: "Default", type: "ecs" }] } });
    assert.equal(env.charge_mode, "provided");
    const patched = await h.call("PATCH", "/v2/{project_id}/cas/environments/{environment_id}/resources", {
      pathParams: { environment_id: env.id },
      body: { add_optional_resources: [{ id: "cse-1", type: "cse" }] },
    });
    assert.deepEqual(patched.optional_resources, [{ id: "cse-1", type: "cse" }]);
    const list = await h.call("GET", "/v2/{project_id}/cas/environments");
    assert.equal(list.count, 1);
  });

  test("component rules, configuration per environment, delete order", async () => {
    const app = await h.call("POST", "/v2/{project_id}/cas/applications", { body: { name: "with-parts" } });
    const env = await h.call("POST", "/v2/{project_id}/cas/environments", { body: { name: "env-b", vpc_id: "v", deploy_mode: "virtualmachine", base_resources: [{ id: "Default", type: "ecs" }] } });
    const path = "/v2/{project_id}/cas/applications/{application_id}/components";
    await rejects(h.call("POST", path, { pathParams: { application_id: app.id }, body: { name: "c1", runtime: "Php7", category: "Webapp" } }), 400, "SVCSTG.00100400", /runtime/);
    await rejects(h.call("POST", path, { pathParams: { application_id: app.id }, body: { name: "c1", runtime: "Nodejs8", category: "Nope" } }), 400, "SVCSTG.00100400", /category/);
    const c = await h.call("POST", path, { pathParams: { application_id: app.id }, body: { name: "c1", runtime: "Nodejs8", category: "Webapp", sub_category: "Web" } });
    assert.equal(c.status, 0);
    assert.deepEqual(c.pipeline_ids, []);
    const runtimes = await h.call("GET", "/v2/{project_id}/cas/metadata/runtimes");
    assert.ok(runtimes.runtimes.some((r: any) => r.type_name === "Nodejs8" && typeof r.container_default_port === "number"));
    const flavors = await h.call("GET", "/v2/{project_id}/cas/metadata/flavors");
    assert.ok(flavors.flavors.some((f: any) => f.flavor_id === "MICRO-5G:0.5C:1G"));

    const config = await h.call("PUT", "/v2/{project_id}/cas/applications/{application_id}/configuration", {
      pathParams: { application_id: app.id },
      body: { environment_id: env.id, configuration: { env: [{ name: "LOG_LEVEL", value: "warn" }] } },
    });
    assert.deepEqual(config.configuration.env, [{ name: "LOG_LEVEL", value: "warn" }]);
    const shown = await h.call("GET", "/v2/{project_id}/cas/applications/{application_id}/configuration", { pathParams: { application_id: app.id }, queryParams: { environment_id: env.id } });
    assert.equal(shown.configuration[0].environment_id, env.id);

    await rejects(h.call("DELETE", "/v2/{project_id}/cas/applications/{application_id}", { pathParams: { application_id: app.id } }), 409, "SVCSTG.00100409");
    assert.equal((await h.call("DELETE", `${path}/{component_id}`, { pathParams: { application_id: app.id, component_id: c.id } })).httpStatusCode, 204);
    assert.equal((await h.call("DELETE", "/v2/{project_id}/cas/applications/{application_id}", { pathParams: { application_id: app.id } })).httpStatusCode, 204);
  });

  test("an unknown project is 404 and an unknown API is APIGW.0101", async () => {
    await rejects(h.call("GET", "/v2/ffffffffffffffffffffffffffffffff/cas/applications".replace("{project_id}", "x")), 404, "SVCSTG.00100404");
    await rejects(h.call("GET", "/v2/{project_id}/cas/nothing-here"), 404, "APIGW.0101");
  });
});
