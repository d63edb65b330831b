// Nestbox::Local::Process across nestbox restarts, orphan clean-up, and failed updates.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Driver, ResourceRef } from "../../../src/engine/drivers/driver.ts";
import { LOCAL_PROCESS_TYPE } from "../../../src/engine/drivers/local-driver.ts";
import {
  eventually,
  HTTP_SERVER,
  isAlive,
  openTestDriver,
  rejectsWithDriverError,
  uniqueKey,
  whoAnswers,
  type TestDriver,
} from "./driver-harness.ts";

const server = (over: Record<string, unknown> = {}) => ({
  Command: process.execPath,
  Args: [HTTP_SERVER],
  ReadinessCheck: { Http: "/healthz" },
  StopTimeout: 2,
  ...over,
});

describe("Nestbox::Local::Process across nestbox restarts", { timeout: 120_000 }, () => {
  let t: TestDriver;
  let driver: Driver;
  const ref = (logical = "Web"): ResourceRef => ({ key: uniqueKey(logical), type: LOCAL_PROCESS_TYPE });

  before(async () => {
    t = await openTestDriver("local");
    driver = t.driver;
  });
  after(async () => {
    await t?.cleanup();
  });

  test("a new driver on the same data dir adopts live replicas and restarts the one that died meanwhile", async () => {
    const first = await t.reopen();
    const r = ref();
    await first.apply({ ...r, properties: server({ Replicas: 2 }) });
    const before = (await first.observe(r))!.replicas;
    await first.close(); // nestbox stops: replicas keep running
    assert.ok(before.every((x) => isAlive(x.pid!)), "replicas outlive the driver");
    process.kill(before[1]!.pid!, "SIGKILL");
    await eventually(() => !isAlive(before[1]!.pid!), "replica 1 to die");

    const second = await t.reopen();
    const adopted = (await second.observe(r))!.replicas[0]!;
    assert.deepEqual([adopted.pid, adopted.restartCount, adopted.port], [before[0]!.pid, 0, before[0]!.port]);
    const restarted = await eventually(async () => {
      const x = (await second.observe(r))!.replicas[1]!;
      return x.ready && x.pid !== before[1]!.pid ? x : undefined;
    }, "replica 1 to be restarted");
    assert.equal(restarted.restartCount, 1);
    assert.equal(restarted.lastState?.reason, "UnknownExit");
    assert.equal(restarted.port, before[1]!.port);

    await second.apply({ ...r, properties: server({ Replicas: 2 }) });
    assert.equal((await second.observe(r))!.replicas[0]!.pid, before[0]!.pid, "apply adopts, it does not restart");
    assert.equal((await whoAnswers(before[0]!.port)).pid, before[0]!.pid);

    // The adopted replica is not our child: its exit is found by polling pid and start time.
    process.kill(before[0]!.pid!, "SIGKILL");
    const again = await eventually(async () => {
      const x = (await second.observe(r))!.replicas[0]!;
      return x.ready && x.pid !== before[0]!.pid ? x : undefined;
    }, "adopted replica 0 to be restarted");
    assert.equal(again.restartCount, 1);
    await second.destroy(r);
  });

  test("a resource stopped before the restart stays stopped", async () => {
    const first = await t.reopen();
    const r = ref();
    await first.apply({ ...r, properties: server() });
    await first.stop(r);
    await first.close();
    const second = await t.reopen();
    await new Promise((res) => setTimeout(res, 200));
    const observed = (await second.observe(r))!;
    assert.deepEqual([observed.desiredState, observed.replicas[0]!.status], ["Stopped", "Stopped"]);
    await second.start(r);
    assert.equal((await second.observe(r))!.ready, true);
    await second.destroy(r);
  });

  test("a start that nestbox died in the middle of is finished by the next driver", async () => {
    const first = await t.reopen();
    const r = ref();
    await first.apply({ ...r, properties: server({ Replicas: 2 }) });
    await first.stop(r);
    await first.close();
    // As `start` leaves it after recording the desired state, before starting any replica.
    const file = join(t.dataDir, "runtime", r.key, "state.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), desired: "Running" }));
    const second = await t.reopen();
    await eventually(async () => (await second.observe(r))!.ready, "both replicas to run again");
    await second.destroy(r);
  });

  test("replica processes no state file records are killed when the driver opens", async () => {
    const orphan = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
      env: { NESTBOX_RUNTIME: `${join(t.dataDir, "runtime")}/si-0.Lost` },
    });
    const stranger = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      detached: true,
      stdio: "ignore",
      env: { NESTBOX_RUNTIME: "/some/other/data/dir/runtime/si-0.Web" },
    });
    try {
      await Promise.all([orphan, stranger].map((p) => new Promise((res) => (p.pid ? res(p.pid) : p.once("spawn", res)))));
      await t.reopen();
      await eventually(() => !isAlive(orphan.pid!), "the orphan to be killed");
      assert.equal(isAlive(stranger.pid!), true, "processes of another data dir are left alone");
    } finally {
      for (const p of [orphan, stranger]) {
        try {
          process.kill(-p.pid!, "SIGKILL");
        } catch {
          // gone
        }
      }
    }
  });

  test("a failed update keeps the old replica serving; applying the old properties changes nothing", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Env: { GREETING: "v1" } }) });
    const before = (await driver.observe(r))!;
    await rejectsWithDriverError(
      driver.apply({ ...r, properties: server({ Env: { GREETING: "v2" }, Args: ["-e", "process.exit(2)"] }) }),
      "START_FAILED",
      false,
      /exited with code 2/,
    );
    const during = (await driver.observe(r))!;
    const replica = during.replicas[0]!;
    assert.equal(replica.pid, before.replicas[0]!.pid);
    assert.equal(replica.ready, true);
    assert.notEqual(replica.specHash, during.specHash, "the replica does not run the failed properties");
    assert.equal((await whoAnswers(replica.port)).greeting, "v1");

    await driver.apply({ ...r, properties: server({ Env: { GREETING: "v1" } }) });
    const restored = (await driver.observe(r))!;
    assert.equal(restored.specHash, before.specHash);
    assert.equal(restored.replicas[0]!.pid, before.replicas[0]!.pid);
  });

  test("a successful update serves the new properties and stops the old processes", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Replicas: 2, Env: { GREETING: "v1" } }) });
    const before = (await driver.observe(r))!.replicas;
    const applied = await driver.apply({ ...r, properties: server({ Replicas: 2, Env: { GREETING: "v2" } }) });
    for (const port of applied.attributes["Ports"] as number[]) assert.equal((await whoAnswers(port)).greeting, "v2");
    for (const x of before) assert.equal(isAlive(x.pid!), false);
    const leftovers = readdirSync(join(t.dataDir, "runtime", r.key)).filter((f) => f.includes(".tmp-"));
    assert.deepEqual(leftovers, [], "state is written by rename, no temporary files remain");
  });
});
