// Keystone's password method (POST /v3/auth/tokens) over RAM login profiles, against a real
// `nestbox serve`: the profile is made with the official @alicloud/ram20150501 client, the token
// drives ServiceStage calls as that user (its policies apply) until it expires. Failures answer
// Keystone's 401 {"error": {...}} and, for a bad or expired token, the gateway's APIGW.0301.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type { Clock } from "../../../src/core/shared/clock.ts";
import { projectId } from "../../../src/core/servicestage/projects.ts";
import { TOKEN_LIFETIME_MS } from "../../../src/faces/huawei/keystone/keystone-routes.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const Ram = require("@alicloud/ram20150501");
const { $OpenApiUtil } = require("@alicloud/openapi-core");

const AK = "LTAIkeystonelogin00000000";
const SECRET = "keystonelogintestsecret000000000";
const REGION = "cn-north-4";
const PASSWORD = "Dev-pass#2026";

/** Real time plus an offset the test moves, so tokens can expire. */
class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

describe("Keystone password tokens from RAM login profiles", () => {
  let s: TestServer;
  let dataDir: string;
  let base: string;
  let pid: string;
  const clock = new OffsetClock();

  const tokenRequest = (name: string, password: string, domain: string | null = "operator") =>
    fetch(`${base}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json;charset=utf8" },
      body: JSON.stringify({
        auth: {
          identity: { methods: ["password"], password: { user: { name, password, ...(domain === null ? {} : { domain: { name: domain } }) } } },
          scope: { project: { name: REGION } },
        },
      }),
    });
  const withToken = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path.replace("{project_id}", pid)}`, {
      method,
      headers: { "x-auth-token": token, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const keystoneUnauthorized = async (res: Response) => {
    assert.equal(res.status, 401);
    assert.equal(res.headers.get("x-subject-token"), null);
    const body = (await res.json()) as { error: { code: number; title: string; message: string } };
    assert.deepEqual({ code: body.error.code, title: body.error.title }, { code: 401, title: "Unauthorized" });
    assert.match(body.error.message, /username or password is wrong/);
  };

  before(async () => {
    dataDir = tempDataDir();
    s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "debug" }, { clock });
    base = s.server.url;
    pid = projectId(s.server.operator.accountId, REGION);
    const ram = new Ram.default(new $OpenApiUtil.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${s.server.port}`, protocol: "http", regionId: "cn-hangzhou" }));
    await ram.createUser(new Ram.CreateUserRequest({ userName: "dev" }));
    await ram.createLoginProfile(new Ram.CreateLoginProfileRequest({ userName: "dev", password: PASSWORD }));
    const reader = JSON.stringify({ Version: "1", Statement: [{ Effect: "Allow", Action: ["servicestage:app:list", "servicestage:app:get"], Resource: "*" }] });
    await ram.createPolicy(new Ram.CreatePolicyRequest({ policyName: "stage-reader", policyDocument: reader }));
    await ram.attachPolicyToUser(new Ram.AttachPolicyToUserRequest({ policyType: "Custom", policyName: "stage-reader", userName: "dev" }));
    await ram.createUser(new Ram.CreateUserRequest({ userName: "nopass" }));
  });
  after(async () => {
    await s.server.close();
    removeDir(dataDir);
  });

  test("a password token works on ServiceStage as the user, within its policies, until it expires", async () => {
    const res = await tokenRequest("dev", PASSWORD);
    assert.equal(res.status, 201);
    const token = res.headers.get("x-subject-token");
    assert.ok(token);
    const body = (await res.json()) as any;
    assert.deepEqual(body.token.methods, ["password"]);
    assert.equal(body.token.user.name, "dev");
    assert.equal(body.token.user.domain.name, "operator");
    assert.deepEqual({ id: body.token.project.id, name: body.token.project.name }, { id: pid, name: REGION });
    const expiresAt = Date.parse(body.token.expires_at);
    assert.equal(expiresAt - Date.parse(body.token.issued_at), TOKEN_LIFETIME_MS);

    const listed = await withToken(token, "GET", "/v2/{project_id}/cas/applications");
    assert.equal(listed.status, 200);
    assert.equal(((await listed.json()) as any).count, 0);
    // Creating is not in the user's policy: ServiceStage's 403.
    const created = await withToken(token, "POST", "/v2/{project_id}/cas/applications", { name: "nope" });
    assert.equal(created.status, 403);
    assert.equal(((await created.json()) as any).error_code, "SVCSTG.00100403");

    clock.offsetMs = TOKEN_LIFETIME_MS + 1000;
    try {
      const expired = await withToken(token, "GET", "/v2/{project_id}/cas/applications");
      assert.equal(expired.status, 401);
      const e = (await expired.json()) as any;
      assert.equal(e.error_code, "APIGW.0301");
      assert.match(e.error_msg, /token expires/);
    } finally {
      clock.offsetMs = 0;
    }
  });

  test("wrong password, unknown user, user without a profile, unknown domain: the same 401", async () => {
    await keystoneUnauthorized(await tokenRequest("dev", "Wrong-pass#2026"));
    await keystoneUnauthorized(await tokenRequest("ghost", PASSWORD));
    await keystoneUnauthorized(await tokenRequest("nopass", PASSWORD));
    await keystoneUnauthorized(await tokenRequest("dev", PASSWORD, "no-such-domain"));
    await keystoneUnauthorized(await tokenRequest("dev", PASSWORD, null));
  });

  test("a forged token is the gateway's 401 APIGW.0301, and no password reaches the log", async () => {
    const forged = await withToken("nbt1.Zm9yZ2Vk", "GET", "/v2/{project_id}/cas/applications");
    assert.equal(forged.status, 401);
    assert.equal(((await forged.json()) as any).error_code, "APIGW.0301");
    assert.ok(!s.logs.some((l) => l.includes(PASSWORD)), "a password was logged");
  });
});
