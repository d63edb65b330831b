// The cron scaler end to end through the official client (openapi-client, ROA): a job scheduled
// a few seconds ahead scales the service out, an updated job scales it back in, and the replica
// count is what ListServiceInstances shows. Nothing sleeps: the test polls for each condition.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { echoSpec, servicePath, startEasServer, waitFor, type EasTestServer } from "../../eas/eas-harness.ts";

const NAME = "echo_cron";
const PATH = servicePath(NAME, "", "cn-hangzhou");
const ZONE = "Asia/Shanghai";

/** A six-field (seconds first) schedule that fires once a day, `secondsAhead` from now in ZONE. */
function scheduleAhead(secondsAhead: number): string {
  const at = new Date(Date.now() + secondsAhead * 1000);
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: ZONE, hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(at).map((x) => [x.type, x.value]),
  );
  return `${Number(p.second)} ${Number(p.minute)} ${Number(p.hour)} * * *`;
}

describe("PAI-EAS cron scaler", () => {
  let t: EasTestServer;
  const instances = () => t.call("ListServiceInstances", "GET", `${PATH}/instances`, { query: { PageSize: 50 } });
  const running = (n: number) => (r: any) => r.TotalCount === n && r.Instances.length === n && r.Instances.every((i: any) => i.Status === "Running");

  before(async () => {
    t = await startEasServer();
    await t.call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 1)) });
    await waitFor(() => t.call("DescribeService", "GET", PATH), (s) => s.Status === "Running", 60_000, "Running");
  });
  after(async () => {
    try {
      await t.call("DeleteService", "DELETE", PATH);
      await waitFor(() => t.call("DescribeService", "GET", PATH).then(() => "exists", (e: any) => e.code), (code) => code === "InvalidService.NotFound", 60_000, "deleted");
    } finally {
      await t.close();
    }
  });

  test("a scheduled job scales out, an updated one scales back in; Describe shows what ran", async () => {
    assert.equal((await instances()).TotalCount, 1);
    const up = scheduleAhead(4);
    await t.call("CreateServiceCronScaler", "POST", `${PATH}/cronscaler`, { body: { ScaleJobs: [{ Name: "up", Schedule: up, TargetSize: 3, TimeZone: ZONE }] } });
    const pending = await t.call("DescribeServiceCronScaler", "GET", `${PATH}/cronscaler`);
    assert.equal(pending.ScaleJobs[0].State, "Pending");

    await waitFor(instances, running(3), 60_000, "3 running instances after the cron job");
    const ran = await waitFor(() => t.call("DescribeServiceCronScaler", "GET", `${PATH}/cronscaler`), (d) => d.ScaleJobs[0].State === "Succeeded", 10_000, "job state");
    assert.equal(ran.ScaleJobs[0].Schedule, up);
    assert.match(ran.ScaleJobs[0].Message, /Scaled to 3/);
    assert.ok(ran.ScaleJobs[0].LastProbeTime, "the run time is recorded");
    const service = await t.call("DescribeService", "GET", PATH);
    assert.equal(service.TotalInstance, 3);
    assert.equal(service.CronscalerEnabled, true);

    await t.call("UpdateServiceCronScaler", "PUT", `${PATH}/cronscaler`, { body: { ScaleJobs: [{ Name: "down", Schedule: scheduleAhead(4), TargetSize: 1, TimeZone: ZONE }] } });
    await waitFor(instances, running(1), 60_000, "1 running instance after the updated cron job");
    const down = await t.call("DescribeServiceCronScaler", "GET", `${PATH}/cronscaler`);
    assert.deepEqual(
      down.ScaleJobs.map((j: any) => [j.Name, j.TargetSize, j.State]),
      [["down", 1, "Succeeded"]],
    );

    await t.call("DeleteServiceCronScaler", "DELETE", `${PATH}/cronscaler`);
    assert.deepEqual((await t.call("DescribeServiceCronScaler", "GET", `${PATH}/cronscaler`)).ScaleJobs, []);
    assert.equal((await t.call("DescribeService", "GET", PATH)).CronscalerEnabled, false);
  });
});
