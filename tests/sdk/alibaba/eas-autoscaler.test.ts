// The qps autoscaler: it scales a service up while the gateway counts load and back down once
// the scale-down window has passed without it; cron scaler settings round-trip.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_auto";
const PATH = servicePath(NAME, "", "cn-hangzhou");

describe("PAI-EAS autoscaling", () => {
  let t: EasTestServer;
  let token = "";
  const describeService = () => t.call("DescribeService", "GET", PATH);

  before(async () => {
    t = await startEasServer();
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 1)) });
    token = (await waitFor(describeService, (s) => s.Status === "Running", 60_000, "Running")).AccessToken;
  });
  after(() => t.close());

  test("bad autoscaler settings are refused; a missing autoscaler is not found", async () => {
    const body = (b: object) => ({ body: b });
    await assert.rejects(t.call("CreateServiceAutoScaler", "POST", `${PATH}/autoscaler`, body({ min: 3, max: 2, scaleStrategies: [{ metricName: "qps", threshold: 5 }] })), (e: any) => e.code === "InvalidParameter" && /max/.test(e.message));
    await assert.rejects(t.call("CreateServiceAutoScaler", "POST", `${PATH}/autoscaler`, body({ min: 1, max: 2, scaleStrategies: [{ metricName: "gpu[util]", threshold: 50 }] })), (e: any) => e.code === "InvalidParameter" && /kubernetes/.test(e.message));
    await assert.rejects(t.call("UpdateServiceAutoScaler", "PUT", `${PATH}/autoscaler`, body({ min: 1, max: 2, scaleStrategies: [{ metricName: "qps", threshold: 5 }] })), (e: any) => e.statusCode === 404);
    await assert.rejects(t.call("DeleteServiceAutoScaler", "DELETE", `${PATH}/autoscaler`), (e: any) => e.statusCode === 404);
  });

  test("scales up under load and down after the stabilization window", async () => {
    await t.call("CreateServiceAutoScaler", "POST", `${PATH}/autoscaler`, {
      body: { min: 1, max: 3, scaleStrategies: [{ metricName: "qps", threshold: 5 }], behavior: { scaleUp: { stabilizationWindowSeconds: 0 }, scaleDown: { stabilizationWindowSeconds: 3 } } },
    });
    assert.equal((await describeService()).AutoscalerEnabled, true);
    let loading = true;
    let failures = 0;
    const load = (async () => {
      while (loading) {
        const r = await fetch(`http://127.0.0.1:${t.port}/api/predict/${NAME}`, { headers: { Authorization: token } });
        if (r.status !== 200) failures++;
        await r.arrayBuffer();
        await new Promise((res) => setTimeout(res, 30));
      }
    })();
    const during = await waitFor(() => t.call("DescribeServiceAutoScaler", "GET", `${PATH}/autoscaler`), (a) => a.CurrentMetrics[0].value >= 10, 20_000, "qps measured");
    assert.equal(during.MinReplica, 1);
    assert.equal(during.MaxReplica, 3);
    assert.deepEqual(during.ScaleStrategies.map((s: any) => [s.metricName, s.threshold]), [["qps", 5]]);
    assert.equal(during.Behavior.scaleDown.stabilizationWindowSeconds, 3);
    const up = await waitFor(describeService, (s) => s.TotalInstance === 3 && s.RunningInstance === 3 && s.Status === "Running", 60_000, "scaled up to 3");
    assert.equal(up.TotalInstance, 3);
    loading = false;
    await load;
    assert.equal(failures, 0);
    const down = await waitFor(describeService, (s) => s.TotalInstance === 1 && s.Status === "Running", 60_000, "scaled down to 1");
    assert.equal(down.RunningInstance, 1);
    const events = await t.call("DescribeServiceEvent", "GET", `${PATH}/events`);
    assert.ok(events.Events.filter((e: any) => e.Reason === "Scaling").length >= 2);
    await t.call("DeleteServiceAutoScaler", "DELETE", `${PATH}/autoscaler`);
    assert.equal((await describeService()).AutoscalerEnabled, false);
  });

  test("cron scaler settings round-trip and are validated", async () => {
    await assert.rejects(t.call("CreateServiceCronScaler", "POST", `${PATH}/cronscaler`, { body: { ScaleJobs: [{ Name: "bad", Schedule: "61 * * * *", TargetSize: 2 }] } }), (e: any) => e.code === "InvalidParameter");
    await t.call("CreateServiceCronScaler", "POST", `${PATH}/cronscaler`, { body: { ScaleJobs: [{ Name: "morning", Schedule: "0 8 * * MON-FRI", TargetSize: 2, TimeZone: "Asia/Shanghai" }], ExcludeDates: ["* * 1 1 *"] } });
    const d = await t.call("DescribeServiceCronScaler", "GET", `${PATH}/cronscaler`);
    assert.equal(d.ServiceName, NAME);
    assert.deepEqual(d.ExcludeDates, ["* * 1 1 *"]);
    assert.deepEqual([d.ScaleJobs[0].Name, d.ScaleJobs[0].Schedule, d.ScaleJobs[0].TargetSize, d.ScaleJobs[0].State], ["morning", "0 8 * * MON-FRI", 2, "Pending"]);
    assert.equal((await describeService()).CronscalerEnabled, true);
    await t.call("DeleteServiceCronScaler", "DELETE", `${PATH}/cronscaler`);
    assert.equal((await describeService()).CronscalerEnabled, false);
  });
});
