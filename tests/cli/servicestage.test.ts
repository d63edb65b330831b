// `nestbox servicestage ...` against a real server: application, environment, component and an
// instance of the fixture package, its job watched to SUCCEEDED, listed, scaled, deleted; every
// request signed with the CLI's own SDK-HMAC-SHA256 signer (checked against the official core's).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { signHuawei } from "../../src/cli/huawei-signer.ts";
import { buildPackage } from "../fixtures/servicestage/packages.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";
import { nestbox } from "./cli-harness.ts";

const require = createRequire(import.meta.url);

test("the CLI's SDK-HMAC-SHA256 signature equals huaweicloud-sdk-core's for the same request", () => {
  const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
  const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
  const body = { name: "shop", description: "a b/c" };
  const theirs = AKSKSigner.sign(
    {
      method: "POST",
      endpoint: "http://127.0.0.1:8800/v2/0123abcd/cas/applications",
      queryParams: { limit: 10, name: "a b" },
      headers: { "content-type": "application/json", "X-Sdk-Date": "20240102T030405Z", "X-Project-Id": "0123abcd" },
      data: body,
    },
    new BasicCredentials().withAk("HWAK").withSk("hw-secret"),
  ) as Record<string, string>;
  const ours = signHuawei(
    {
      method: "POST",
      host: "127.0.0.1:8800",
      path: "/v2/0123abcd/cas/applications",
      query: { limit: "10", name: "a b" },
      headers: { "content-type": "application/json", "x-project-id": "0123abcd" },
      body: JSON.stringify(body),
      date: new Date("2024-01-02T03:04:05Z"),
    },
    { accessKeyId: "HWAK", accessKeySecret: "hw-secret" },
  );
  assert.equal(ours.headers["authorization"], theirs["Authorization"]);
  assert.equal(ours.pathAndQuery, "/v2/0123abcd/cas/applications?limit=10&name=a%20b");
});

describe("nestbox servicestage", { timeout: 180_000 }, () => {
  let dataDir: string;
  let running: TestServer;
  let env: Record<string, string>;
  const ss = (...argv: string[]) => nestbox(env, "servicestage", ...argv);
  const ok = async (...argv: string[]) => {
    const r = await ss(...argv, "--output", "json");
    assert.equal(r.code, 0, `${argv.join(" ")}: ${r.stderr}`);
    return r.json();
  };

  before(async () => {
    dataDir = tempDataDir();
    running = await startTestServer(dataDir, { NESTBOX_LOG_LEVEL: "warn" });
    env = { NESTBOX_DATA_DIR: dataDir, NESTBOX_WATCH_INTERVAL_MS: "200" };
  });
  after(async () => {
    await running.server.close();
    removeDir(dataDir);
  });

  test("create app, environment, component and instance; watch the job; list, scale, delete", async () => {
    const app = await ok("applications", "create", "shop", "--description", "the shop");
    assert.match(app.id, /^[0-9a-f-]{36}$/);
    const environment = await ok("environments", "create", "dev");
    assert.equal(environment.deploy_mode, "virtualmachine");
    const component = await ok("components", "create", app.id, "web", "--runtime", "Nodejs8");
    assert.equal(component.runtime, "Nodejs8");

    // A JSON body file, with flags on top: probes as the SDK would send them.
    const bodyFile = join(dataDir, "instance.json");
    writeFileSync(
      bodyFile,
      JSON.stringify({
        name: "web-dev",
        flavor_id: "MICRO-5G:0.5C:1G",
        replica: 1,
        configuration: {
          env: [{ name: "GREETING", value: "hello" }],
          probes: {
            readinessProbe: { type: "http", delay: 0, timeout: 2, parameters: { path: "/healthz", port: 8080 } },
            livenessProbe: { type: "http", delay: 30, timeout: 2, parameters: { path: "/healthz", port: 8080 } },
          },
        },
      }),
    );
    const created = await ss(
      "instances", "create", app.id, component.id,
      "--body", bodyFile, "--environment", environment.id, "--version", "1.0.0", "--package-url", buildPackage("1.0.0"),
      "--watch", "--output", "json",
    );
    assert.equal(created.code, 0, created.stderr);
    const job = created.json();
    assert.equal(job.job.EXECUTION_STATUS, "SUCCEEDED");
    assert.equal(job.job.JOB_TYPE, "PROVISION");
    assert.match(created.stderr, /SUCCEEDED \d+\/\d+ tasks/);
    const instanceId = job.job.SERVICE_INSTANCE_ID;

    const listed = await ok("instances", "list", app.id, component.id);
    assert.equal(listed.count, 1);
    assert.deepEqual([listed.instances[0].id, listed.instances[0].name, listed.instances[0].status_detail.status], [instanceId, "web-dev", "RUNNING"]);
    const table = await ss("instances", "list", app.id, component.id);
    assert.match(table.stdout, new RegExp(`^${instanceId}\\s+web-dev\\s+RUNNING\\s+1/1\\s+1\\.0\\.0\\s+dev`, "m"));
    const detail = await ok("instances", "get", app.id, component.id, instanceId);
    assert.equal(detail.configuration.probes.livenessProbe.delay, 30);
    const answer = JSON.parse(await (await fetch(`http://${detail.external_accesses[0].address}/`)).text());
    assert.deepEqual([answer.version, answer.greeting], ["1.0.0", "hello"]);

    const scaled = await ss("instances", "action", app.id, component.id, instanceId, "scale", "--replica", "2", "--watch");
    assert.equal(scaled.code, 0, scaled.stderr);
    assert.match(scaled.stdout, /^status\s+SUCCEEDED$/m);
    const after = await ok("instances", "get", app.id, component.id, instanceId);
    assert.deepEqual([after.status_detail.replica, after.status_detail.available_replica], [2, 2]);
    const snapshots = await ok("instances", "snapshots", app.id, component.id, instanceId);
    assert.equal(snapshots.snapshots[0].version, "1.0.0");

    const jobShown = await ok("jobs", "get", job.job.JOB_ID);
    assert.equal(jobShown.job.JOB_ID, job.job.JOB_ID);

    const deleted = await ss("instances", "delete", app.id, component.id, instanceId, "--watch", "--output", "json");
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.json().job.JOB_TYPE, "DEPROVISION");
    assert.equal((await ok("instances", "list", app.id, component.id)).count, 0);

    await ok("components", "delete", app.id, component.id);
    await ok("environments", "delete", environment.id);
    await ok("applications", "delete", app.id);
    assert.equal((await ok("applications", "list")).count, 0);
  });

  test("errors: an unknown instance is the vendor's 404 code, scale needs --replica, create needs a version", async () => {
    const app = await ok("applications", "create", "errs");
    const missing = await ss("instances", "get", app.id, "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^nestbox: SVCSTG\.00100404: .*\(request id [0-9a-f]{32}\)/);
    const scale = await ss("instances", "action", app.id, "c", "i", "scale");
    assert.equal(scale.code, 1);
    assert.match(scale.stderr, /scale needs --replica/);
    const noVersion = await ss("instances", "create", app.id, "c", "--name", "x", "--environment", "e");
    assert.equal(noVersion.code, 1);
    assert.match(noVersion.stderr, /--version/);
  });
});
