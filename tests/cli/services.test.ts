import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";
import { nestbox } from "./cli-harness.ts";

describe("nestbox services (auto review)", () => {
  let dataDir: string;
  let running: TestServer;
  let env: Record<string, string>;

  before(async () => {
    dataDir = tempDataDir();
    running = await startTestServer(dataDir);
    env = { NESTBOX_DATA_DIR: dataDir };
  });
  after(async () => {
    await running.server.close();
    removeDir(dataDir);
  });

  test("publish examples/hello-web creates, registers and launches version 1; publishing again makes version 2", async () => {
    const first = await nestbox(env, "services", "publish", "examples/hello-web", "--output", "json");
    assert.equal(first.code, 0, first.stderr);
    const published = first.json();
    assert.match(published.ServiceId, /^service-[0-9a-f]{20}$/);
    assert.equal(published.Version, "1");
    assert.equal(published.Status, "Online");
    assert.equal(published.Created, true);

    const table = await nestbox(env, "services", "publish", "examples/hello-web");
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`^ServiceId\\s+${published.ServiceId}$`, "m"));
    assert.match(table.stdout, /^Version\s+2$/m);
    assert.match(table.stdout, /^Created\s+false$/m);

    const list = await nestbox(env, "services", "list", "--output", "json");
    assert.equal(list.code, 0, list.stderr);
    const mine = list.json().Services.filter((s: { ServiceId: string }) => s.ServiceId === published.ServiceId);
    assert.equal(mine.length, 1, "one row per service without --all-versions");
    assert.equal(mine[0].Version, "2");

    const all = (await nestbox(env, "services", "list", "--all-versions", "--output", "json")).json();
    const versions = all.Services.filter((s: { ServiceId: string }) => s.ServiceId === published.ServiceId).map((s: { Version: string }) => s.Version);
    assert.deepEqual([...versions].sort(), ["1", "2", "draft"]);

    const got = await nestbox(env, "services", "get", published.ServiceId, "--version", "1", "--output", "json");
    assert.equal(got.code, 0, got.stderr);
    const service = got.json();
    assert.equal(service.ServiceId, published.ServiceId);
    assert.equal(service.Version, "1");
    assert.equal(service.Status, "Online");
    assert.equal(service.RequestId, undefined);
    assert.ok(service.ServiceInfos.some((i: { Name: string }) => i.Name === "Hello Web"));

    const table2 = await nestbox(env, "services", "list");
    assert.match(table2.stdout, /^SERVICEID\s+VERSION\s+NAME\s+STATUS/);
    assert.ok(table2.stdout.includes("Hello Web"));
  });

  test("publish explains a broken folder before calling the server", async () => {
    const folder = tempDataDir();
    try {
      const missing = await nestbox(env, "services", "publish", folder);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /No service\.yaml/);
      writeFileSync(join(folder, "service.yaml"), "Service:\n  DeployType: ros\n  DeployMetadata:\n    TemplateConfigs:\n      - Name: A\n        Url: nope.yaml\n");
      const noTemplate = await nestbox(env, "services", "publish", folder);
      assert.equal(noTemplate.code, 1);
      assert.match(noTemplate.stderr, /TemplateConfigs\[0\]\.Url names nope\.yaml, which cannot be read/);
      mkdirSync(join(folder, "sub"));
      writeFileSync(join(folder, "sub", "service.yaml"), "Service:\n  DeployType: ros\n  DeployMetadata:\n    TemplateConfigs:\n      - Name: A\n        Url: ../service.yaml\n");
      const outside = await nestbox(env, "services", "publish", join(folder, "sub"));
      assert.equal(outside.code, 1);
      assert.match(outside.stderr, /outside the service folder/);
    } finally {
      removeDir(folder);
    }
  });

  test("an invalid template comes back as the server's error", async () => {
    const folder = tempDataDir();
    try {
      writeFileSync(join(folder, "service.yaml"), "Service:\n  DeployType: ros\n  ServiceInfo:\n    Locale: en-US\n    Name: Broken\n  DeployMetadata:\n    TemplateConfigs:\n      - Name: A\n        Url: t.yaml\n");
      writeFileSync(join(folder, "t.yaml"), "Resources: {}\n");
      const run = await nestbox(env, "services", "publish", folder);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^nestbox: [A-Za-z._]+: .*ROSTemplateFormatVersion/);
    } finally {
      removeDir(folder);
    }
  });
});

describe("nestbox services (manual review)", () => {
  test("publish stops at Submitted; the operator approves; launch puts the version Online", async () => {
    const dataDir = tempDataDir();
    const running = await startTestServer(dataDir, { NESTBOX_REVIEW_MODE: "manual" });
    const env = { NESTBOX_DATA_DIR: dataDir };
    try {
      const published = await nestbox(env, "services", "publish", "examples/hello-web", "--output", "json");
      assert.equal(published.code, 0, published.stderr);
      const { ServiceId, Version, Status, Next } = published.json();
      assert.equal(Status, "Submitted");
      assert.equal(Version, "1");
      assert.match(Next, new RegExp(`nestbox services approve ${ServiceId} 1`));

      const early = await nestbox(env, "services", "launch", ServiceId, "1");
      assert.equal(early.code, 1, "a version under review cannot be launched");

      const approved = await nestbox(env, "services", "approve", ServiceId, "1", "--output", "json");
      assert.equal(approved.code, 0, approved.stderr);
      assert.equal(approved.json().status, "Approved");
      assert.equal(approved.json().serviceId, ServiceId);

      const launched = await nestbox(env, "services", "launch", ServiceId, "1", "--output", "json");
      assert.equal(launched.code, 0, launched.stderr);
      assert.equal(launched.json().Status, "Online");
      const got = (await nestbox(env, "services", "get", ServiceId, "--output", "json")).json();
      assert.equal(got.Version, "1");
      assert.equal(got.Status, "Online");
    } finally {
      await running.server.close();
      removeDir(dataDir);
    }
  });
});
