// Project-id discovery (EAS_SERVICESTAGE.md B.9.3) through the official Huawei core: BasicCredentials
// WITHOUT a project id, a Region whose endpoint is nestbox and withIamEndpoint(nestbox). Before the
// first ServiceStage call the core asks IAM `GET /v3/projects?name={region}` (AK/SK signed, with a
// `{}` JSON body on the GET) and uses projects[0].id only when exactly one project comes back.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { AK, REGION, SK, startHuaweiServer, type HuaweiServer } from "./huawei-harness.ts";

const require = createRequire(import.meta.url);
const { BasicCredentials, Region } = require("@huaweicloud/huaweicloud-sdk-core");
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
const { AuthCache } = require("@huaweicloud/huaweicloud-sdk-core/internal/services/authcache");

describe("project-id discovery through huaweicloud-sdk-core", () => {
  let h: HuaweiServer;

  before(async () => {
    h = await startHuaweiServer();
  });
  after(async () => {
    if (h) await h.close();
  });

  /** A client that knows only AK/SK, the region and where IAM is: the core must discover the project. */
  const discoveringClient = (region = REGION) => {
    AuthCache.instance().authMap.clear(); // the core caches per AK+region for the process; start clean
    return new ClientBuilder((c: unknown) => c)
      .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withIamEndpoint(h.endpoint))
      .withRegion(new Region(region, h.endpoint))
      .withOptions({ customUserAgent: "nestbox-tests" })
      .build();
  };

  test("the discovery answer has the shape the core parses: {projects:[{id, name, domain_id, ...}]}", async () => {
    const res = await fetch(`${h.endpoint}/v3/projects?name=${REGION}`);
    assert.equal(res.status, 401, "unsigned discovery is refused by the gateway");
    const signed = await h.call("GET", "/v3/projects", { queryParams: { name: REGION } });
    assert.deepEqual(Object.keys(signed).filter((k) => k !== "httpStatusCode").sort(), ["links", "projects"]);
    assert.equal(signed.projects.length, 1);
    const [p] = signed.projects;
    assert.equal(p.id, h.projectId);
    assert.match(p.id, /^[0-9a-f]{32}$/);
    assert.equal(p.name, REGION);
    assert.equal(typeof p.domain_id, "string");
    assert.equal(p.enabled, true);
    assert.equal(p.is_domain, false);
    const none = await h.call("GET", "/v3/projects", { queryParams: { name: "xx-nowhere-1" } });
    assert.deepEqual(none.projects, []);
  });

  test("a client without a project id discovers it and a ServiceStage call succeeds in that project", async () => {
    const client = discoveringClient();
    const created = await client.sendRequest({
      method: "POST",
      url: "/v2/{project_id}/cas/applications",
      contentType: "application/json",
      pathParams: {},
      queryParams: {},
      headers: {},
      data: { name: "found-by-discovery" },
    });
    assert.equal(created.httpStatusCode, 200);
    assert.equal(created.project_id, h.projectId, "the application lives in the discovered project");
    assert.equal(client.credential.projectId, h.projectId, "the core stored the discovered id on the credential");

    // The discovered project is the same one a client configured with the id sees.
    const listed = await h.call("GET", "/v2/{project_id}/cas/applications");
    assert.ok(listed.applications.some((a: any) => a.id === created.id));
  });

  test("a region nestbox does not serve discovers no project and the core gives up before any ServiceStage call", async () => {
    const client = discoveringClient("xx-nowhere-1");
    await assert.rejects(
      client.sendRequest({ method: "GET", url: "/v2/{project_id}/cas/applications", contentType: "application/json", pathParams: {}, queryParams: {}, headers: {} }),
      (e: any) => {
        // With zero projects the core lists /v3/regions to consider creating one; nestbox has no
        // such IAM API and answers the gateway's APIGW.0101, so no project is ever created.
        assert.equal(e.httpStatusCode, 404, String(e.errorMsg ?? e.message));
        assert.equal(e.errorCode, "APIGW.0101");
        return true;
      },
    );
  });
});
