import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cliServer, nestbox } from "./cli-harness.ts";
import { parseParameters } from "../../src/cli/instance-commands.ts";

describe("nestbox instances", () => {
  const cli = cliServer();

  test("-p key=value keeps numbers and booleans typed and refuses a bare word", () => {
    assert.deepEqual(parseParameters(["Replicas=3", "Greeting=hi", "Debug=true"]), { Replicas: 3, Greeting: "hi", Debug: true });
    assert.throws(() => parseParameters(["oops"]), /not key=value/);
  });

  test("create --watch deploys hello-web, list and logs show it, delete --watch removes it", async () => {
    const published = await nestbox(cli.env, "services", "publish", "examples/hello-web", "--output", "json");
    assert.equal(published.code, 0, published.stderr);
    const serviceId = published.json().ServiceId;

    const created = await nestbox(cli.env, "instances", "create", serviceId, "--name", "cli-hello", "-p", "Replicas=1", "--watch", "--output", "json");
    assert.equal(created.code, 0, created.stderr);
    const instance = created.json();
    assert.equal(instance.Status, "Deployed");
    assert.equal(instance.Progress, 100);
    assert.match(created.stderr, /\[#{20}\] 100% Deployed/, "the progress bar reached the end");
    assert.equal(await (await fetch(JSON.parse(instance.Outputs).Url)).text(), "hello");

    const list = await nestbox(cli.env, "instances", "list");
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${instance.ServiceInstanceId}\\s+cli-hello\\s+Deployed\\s+100%`, "m"));

    const logs = await nestbox(cli.env, "instances", "logs", instance.ServiceInstanceId, "--output", "json");
    assert.equal(logs.code, 0, logs.stderr);
    const statuses = logs.json().ServiceInstancesLogs.map((l: { Status: string }) => l.Status);
    assert.ok(statuses.includes("Deployed"), statuses.join(","));

    const bad = await nestbox(cli.env, "instances", "create", serviceId, "-p", "Greeting=Hi");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /InvalidParameter: .*Greeting.*AllowedPattern/);

    const deleted = await nestbox(cli.env, "instances", "delete", instance.ServiceInstanceId, "--watch", "--output", "json");
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.json().Status, "Deleted");
    const gone = await nestbox(cli.env, "instances", "get", instance.ServiceInstanceId);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /ServiceInstanceNotFound/);
  });
});
