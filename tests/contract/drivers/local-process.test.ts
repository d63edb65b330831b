// Nestbox::Local::Process on the local driver: real processes, ports, crashes, logs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Driver, ResourceRef } from "../../../src/engine/drivers/driver.ts";
import { LOCAL_PROCESS_TYPE } from "../../../src/engine/drivers/local-driver.ts";
import { bindTest } from "../../../src/engine/drivers/local-process/port-allocator.ts";
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

describe("Nestbox::Local::Process (local driver)", { timeout: 120_000 }, () => {
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

  test("two replicas answer on distinct ports, each with its PORT, replica index and Env", async () => {
    const r = ref();
    const applied = await driver.apply({ ...r, properties: server({ Replicas: 2, Env: { GREETING: "hi" } }) });
    const [p0, p1] = applied.attributes["Ports"] as [number, number];
    const observed = (await driver.observe(r))!;
    const a = await whoAnswers(p0);
    const b = await whoAnswers(p1);
    assert.deepEqual([a.replica, a.port, a.greeting, a.pid], ["0", p0, "hi", observed.replicas[0]!.pid]);
    assert.deepEqual([b.replica, b.port, b.greeting, b.pid], ["1", p1, "hi", observed.replicas[1]!.pid]);
  });

  test("replicas do not inherit nestbox's environment beyond PATH, HOME and locale", async () => {
    process.env["NESTBOX_TEST_SECRET"] = "do-not-leak";
    try {
      const r = ref();
      const applied = await driver.apply({
        ...r,
        properties: {
          Command: process.execPath,
          Args: ["-e", "console.log('secret=' + (process.env.NESTBOX_TEST_SECRET ?? 'none') + ' path=' + Boolean(process.env.PATH)); setInterval(() => {}, 1000)"],
        },
      });
      assert.equal(applied.attributes["Replicas"], 1);
      const lines = await eventually(async () => {
        const l = await driver.logs(r);
        return l.length > 0 ? l : undefined;
      }, "output");
      assert.equal(lines[0]!.text, "secret=none path=true");
    } finally {
      delete process.env["NESTBOX_TEST_SECRET"];
    }
  });

  test("a replica killed from outside is restarted on its port with RestartCount and LastState", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Replicas: 2 }) });
    const before = (await driver.observe(r))!.replicas;
    process.kill(before[1]!.pid!, "SIGKILL");
    const replica = await eventually(async () => {
      const x = (await driver.observe(r))!.replicas[1]!;
      return x.ready && x.pid !== before[1]!.pid ? x : undefined;
    }, "replica 1 to be restarted and ready");
    assert.equal(replica.restartCount, 1);
    assert.equal(replica.port, before[1]!.port);
    assert.equal(replica.lastState?.signal, "SIGKILL");
    assert.equal(replica.lastState?.exitCode, null);
    assert.equal(replica.lastState?.reason, "Error");
    assert.ok(replica.lastState!.finishedAt instanceof Date);
    assert.equal((await whoAnswers(replica.port)).pid, replica.pid);
    const other = (await driver.observe(r))!.replicas[0]!;
    assert.deepEqual([other.pid, other.restartCount], [before[0]!.pid, 0], "the other replica was left alone");
  });

  test("a replica that exits on its own is restarted again and again, RestartCount growing", async () => {
    const r = ref();
    // Ready once started (no check), then exits with code 7 after a while.
    await driver.apply({
      ...r,
      properties: { Command: process.execPath, Args: ["-e", "setTimeout(() => process.exit(7), 300)"] },
    });
    const replica = await eventually(async () => {
      const x = (await driver.observe(r))!.replicas[0]!;
      return x.restartCount >= 2 ? x : undefined;
    }, "two restarts");
    assert.equal(replica.lastState?.exitCode, 7);
    assert.equal(replica.lastState?.reason, "Error");
  });

  test("restart policies: OnFailure restarts a failed replica, Never leaves a finished one", async () => {
    const onFailure = ref("OnFailure");
    await driver.apply({
      ...onFailure,
      properties: { Command: process.execPath, Args: ["-e", "setTimeout(() => process.exit(1), 300)"], RestartPolicy: "OnFailure" },
    });
    await eventually(async () => (await driver.observe(onFailure))!.replicas[0]!.restartCount >= 1, "a restart after exit code 1");
    const never = ref("Never");
    await driver.apply({
      ...never,
      properties: { Command: process.execPath, Args: ["-e", "setTimeout(() => process.exit(0), 300)"], RestartPolicy: "Never" },
    });
    const done = await eventually(async () => {
      const x = (await driver.observe(never))!.replicas[0]!;
      return x.status === "Succeeded" ? x : undefined;
    }, "the replica to finish");
    assert.deepEqual([done.restartCount, done.ready, done.pid, done.lastState?.exitCode], [0, false, undefined, 0]);
    await driver.destroy(onFailure);
    await driver.destroy(never);
  });

  test("stop ends the processes and frees the ports; start runs them again on the same ports", async () => {
    const r = ref();
    const applied = await driver.apply({ ...r, properties: server({ Replicas: 2 }) });
    const pids = (await driver.observe(r))!.replicas.map((x) => x.pid!);
    await driver.stop(r);
    for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} still runs`);
    for (const port of applied.attributes["Ports"] as number[]) assert.equal(await bindTest(port), port, `port ${port} is free`);
    await new Promise((res) => setTimeout(res, 200)); // several supervisor passes: nothing restarts
    assert.ok((await driver.observe(r))!.replicas.every((x) => x.status === "Stopped" && x.pid === undefined));
    await driver.start(r);
    const started = (await driver.observe(r))!;
    assert.deepEqual(started.attributes["Ports"], applied.attributes["Ports"]);
    for (const x of started.replicas) assert.equal((await whoAnswers(x.port)).pid, x.pid);
  });

  test("a replica that ignores SIGTERM is killed after StopTimeout", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Env: { IGNORE_SIGTERM: "1" }, StopTimeout: 0.3 }) });
    const pid = (await driver.observe(r))!.replicas[0]!.pid!;
    await driver.stop(r);
    assert.equal(isAlive(pid), false);
    const last = (await driver.observe(r))!.replicas[0]!.lastState!;
    assert.deepEqual([last.reason, last.signal], ["Stopped", "SIGKILL"]);
    assert.ok((await driver.logs(r)).some((l) => l.text === "got SIGTERM"), "SIGTERM was sent first");
  });

  test("destroy leaves no process and no runtime directory", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Replicas: 2 }) });
    const pids = (await driver.observe(r))!.replicas.map((x) => x.pid!);
    const dir = join(t.dataDir, "runtime", r.key);
    assert.ok(existsSync(dir));
    await driver.destroy(r);
    for (const pid of pids) assert.equal(isAlive(pid), false);
    assert.equal(existsSync(dir), false);
  });

  test("a command that exits at once fails apply with a terminal error carrying exit code and output", async () => {
    const r = ref("Broken");
    const err = await rejectsWithDriverError(
      driver.apply({
        ...r,
        properties: server({ Args: ["-e", "console.error('boom: missing DATABASE_URL'); process.exit(3)"] }),
      }),
      "START_FAILED",
      false,
      /exited with code 3/,
    );
    assert.match(err.message, /boom: missing DATABASE_URL/);
    assert.match(err.message, /3 attempts/);
    const observed = (await driver.observe(r))!;
    assert.equal(observed.ready, false, "what was made stays visible for diagnosis");
    assert.equal(observed.replicas[0]!.lastState?.exitCode, 3);
    await driver.destroy(r);
  });

  test("a command that does not exist fails apply at once with the reason", async () => {
    const r = ref("Missing");
    await rejectsWithDriverError(
      driver.apply({ ...r, properties: { Command: "nestbox-no-such-command" } }),
      "START_FAILED",
      false,
      /could not be started.*ENOENT/,
    );
    assert.equal((await driver.observe(r))!.replicas[0]!.lastState?.reason, "StartError");
    await driver.destroy(r);
  });

  test("a replica that never passes its readiness check fails apply with NOT_READY after the timeout", async () => {
    const r = ref("Slow");
    await rejectsWithDriverError(
      driver.apply({ ...r, properties: server({ Env: { READY_AFTER_MS: "600000" } }) }, { readyTimeoutMs: 500 }),
      "NOT_READY",
      false,
      /does not answer GET \/healthz/,
    );
    const replica = (await driver.observe(r))!.replicas[0]!;
    assert.deepEqual([replica.status, replica.ready, replica.reason], ["Running", false, "Starting"]);
    await driver.destroy(r);
  });

  test("apply waits for a replica that becomes ready late, and a TCP check works", async () => {
    const late = ref("Late");
    await driver.apply({ ...late, properties: server({ Env: { READY_AFTER_MS: "400" } }) });
    assert.equal((await driver.observe(late))!.ready, true);
    const tcp = ref("Tcp");
    const applied = await driver.apply({ ...tcp, properties: server({ ReadinessCheck: { Tcp: true } }) });
    assert.equal((await whoAnswers((applied.attributes["Ports"] as number[])[0]!)).replica, "0");
  });

  test("an aborted apply rejects as retryable and leaves the replicas running", async () => {
    const r = ref("Aborted");
    const controller = new AbortController();
    const pending = driver.apply({ ...r, properties: server({ Env: { READY_AFTER_MS: "600000" } }) }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await rejectsWithDriverError(pending, "ABORTED", true);
    assert.equal((await driver.observe(r))!.replicas[0]!.status, "Running");
    await driver.destroy(r);
  });

  test("logs capture stdout and stderr per replica, with tail, replica and since filters", async () => {
    const r = ref();
    await driver.apply({ ...r, properties: server({ Replicas: 2 }) });
    const all = await eventually(async () => {
      const lines = await driver.logs(r);
      return lines.length >= 4 ? lines : undefined;
    }, "four log lines");
    const texts = all.map((l) => `${l.replicaIndex}:${l.text}`);
    for (const i of [0, 1]) {
      assert.ok(texts.some((x) => x.startsWith(`${i}:listening on`)), `stdout of replica ${i}`);
      assert.ok(texts.includes(`${i}:stderr of replica ${i}`), `stderr of replica ${i}`);
    }
    assert.ok(all.every((l, i) => i === 0 || l.at >= all[i - 1]!.at), "ordered by time");
    assert.deepEqual(
      (await driver.logs(r, { replicaIndex: 1 })).map((l) => l.replicaIndex),
      [1, 1],
    );
    assert.equal((await driver.logs(r, { tail: 1 })).length, 1);
    assert.deepEqual(await driver.logs(r, { since: new Date(Date.now() + 60_000) }), []);
    assert.ok(existsSync(join(t.dataDir, "runtime", r.key, "replica-0.log")));
  });
});
