// `nestbox market ...` against a running server: publish the example product folder (and its
// Compute Nest service), buy, show the instance, push usage as the supplier and read it back
// per instance and period, pay a HAND order. publish, pay and usage go to /nestbox/v1/market.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cliServer, nestbox } from "../cli/cli-harness.ts";
import { MARKET } from "../../src/cli/market-commands.ts";
import { RpcClient } from "../../src/cli/rpc-client.ts";
import { operatorCredentials } from "../server/harness.ts";
import { waitFor } from "./market-sdk-context.ts";

describe("nestbox market", () => {
  const cli = cliServer();

  test("publish, buy, instance, usage", async () => {
    const published = await nestbox(cli.env, "market", "publish", "examples/market-product", "--output", "json");
    assert.equal(published.code, 0, published.stderr);
    assert.equal(published.json().ProductCode, "cmjj00hello");
    assert.match(published.json().ServiceId, /^service-/);

    const bought = await nestbox(cli.env, "market", "buy", "cmjj00hello", "--package", "yuncode0002", "--output", "json");
    assert.equal(bought.code, 0, bought.stderr);
    const instanceId = String(bought.json().InstanceIds.InstanceId[0]);
    const started = await waitFor(
      async () => (await nestbox(cli.env, "market", "instance", instanceId, "--output", "json")).json(),
      (i: any) => i.Status === "STARTED",
      "the instance to start",
    );
    assert.deepEqual(JSON.parse(started.ComponentJson), { package_version: "yuncode0002" });

    const rpc = new RpcClient(await operatorCredentials(cli.running.server));
    const t = Date.UTC(2026, 0, 15, 10) / 1000;
    await rpc.call(MARKET, "PushMeteringData", {
      Metering: JSON.stringify([
        { InstanceId: instanceId, StartTime: t, EndTime: t + 60, Entities: [{ Key: "Frequency", Value: "3" }] },
        { InstanceId: instanceId, StartTime: t + 120, EndTime: t + 180, Entities: [{ Key: "Frequency", Value: "4" }] },
      ]),
    });
    const usage = await nestbox(cli.env, "market", "usage", instanceId, "--period", "Month");
    assert.equal(usage.code, 0, usage.stderr);
    assert.match(usage.stdout, /^PERIOD\s+METERINGITEM\s+KEY\s+TOTAL\s+RECORDS$/m);
    assert.match(usage.stdout, /2026-01-01T00:00:00\.000Z\s+Frequency\s+Frequency\s+7\s+2/);

    const json = await nestbox(cli.env, "market", "usage", instanceId, "--from", "2026-01-15T10:02:00Z", "--to", String(t + 3600), "--output", "json");
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(json.json().usages, [{ meteringItem: "Frequency", key: "Frequency", periodStart: "2026-01-15T00:00:00.000Z", total: 4, records: 1 }]);

    // A HAND order waits unpaid until `market pay` (nestbox's own API) pays and delivers it.
    const unpaid = await nestbox(cli.env, "market", "buy", "cmjj00hello", "--package", "yuncode0001", "--hand", "--output", "json");
    assert.equal(unpaid.code, 0, unpaid.stderr);
    const orderId = String(unpaid.json().OrderId);
    const paid = await nestbox(cli.env, "market", "pay", orderId, "--output", "json");
    assert.equal(paid.code, 0, paid.stderr);
    assert.equal(paid.json().payStatus, "PAID");
    assert.equal(paid.json().instanceIds.length, 1);
    const missing = await nestbox(cli.env, "market", "pay", "1");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /MARKET_ORDER_NOT_FOUND/);

    const listed = await nestbox(cli.env, "market", "instances");
    assert.match(listed.stdout, new RegExp(`${instanceId}\\s+cmjj00hello\\s+cmjj00hello-prepay\\s+SERVICE\\s+STARTED`));
    const bad = await nestbox(cli.env, "market", "buy", "cmjj00hello", "--package", "yuncode9");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /InvalidParameter\.Components/);
  });
});
