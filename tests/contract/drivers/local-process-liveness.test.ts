// Liveness checks of Nestbox::Local::Process: a replica whose check keeps failing is stopped and
// restarted by the supervisor, RestartCount growing and LastState saying why.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver, ResourceRef } from "../../../src/engine/drivers/driver.ts";
import { LOCAL_PROCESS_TYPE } from "../../../src/engine/drivers/local-driver.ts";
import { eventually, openTestDriver, uniqueKey, whoAnswers, type TestDriver } from "./driver-harness.ts";

/** A replica answering / with who it is, and /live with 200 while the file FLAG exists, else 500. */
const FLAKY_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const server = http.createServer((req, res) => {
  if (req.url === "/live") res.statusCode = fs.existsSync(process.env.FLAG) ? 200 : 500;
  else if (req.url === "/") { res.setHeader("content-type", "application/json"); res.end(JSON.stringify({ pid: process.pid, replica: process.env.NESTBOX_REPLICA_INDEX, port: Number(process.env.PORT), greeting: "" })); return; }
  res.end();
});
server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => { if (process.env.IGNORE_SIGTERM !== "1") server.close(() => process.exit(0)); });
`;

/**
 * Liveness checks start after InitialDelaySeconds whether or not the replica listens yet (as in
 * Kubernetes), so the tests give the replica time to start before the first check.
 */
const START_DELAY = 2;

describe("Nestbox::Local::Process liveness checks (local driver)", { timeout: 120_000 }, () => {
  let t: TestDriver;
  let driver: Driver;
  let scratch: string;
  const ref = (logical = "Live"): ResourceRef => ({ key: uniqueKey(logical), type: LOCAL_PROCESS_TYPE });

  before(async () => {
    t = await openTestDriver("local");
    driver = t.driver;
    scratch = mkdtempSync(join(tmpdir(), "nestbox-liveness-"));
  });
  after(async () => {
    await t?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  test("a replica whose HTTP liveness endpoint starts failing is restarted, RestartCount growing", async () => {
    const r = ref();
    const flag = join(scratch, "http-healthy");
    writeFileSync(flag, "");
    await driver.apply({
      ...r,
      properties: {
        Command: process.execPath,
        Args: ["-e", FLAKY_SERVER],
        Env: { FLAG: flag },
        ReadinessCheck: { Http: "/" },
        LivenessCheck: { Http: "/live", InitialDelaySeconds: START_DELAY, PeriodSeconds: 0.1, FailureThreshold: 2, TimeoutSeconds: 1 },
        StopTimeout: 2,
      },
    });
    const first = (await driver.observe(r))!.replicas[0]!;
    rmSync(flag);
    const replica = await eventually(async () => {
      const x = (await driver.observe(r))!.replicas[0]!;
      return x.restartCount >= 2 ? x : undefined;
    }, "two liveness restarts", 60_000);
    assert.notEqual(replica.pid, first.pid);
    assert.equal(replica.lastState?.reason, "LivenessProbeFailed");
    assert.match(replica.lastState?.message ?? "", /^liveness probe failed: GET \/live on port \d+ answered 500 \(2 times in a row\)$/);
    assert.equal(replica.lastState?.signal, null, "it exited on SIGTERM by itself");
    assert.equal(replica.port, first.port, "restarted on its port");
  });

  test("a command liveness check: the replica lives while it passes and is restarted once it fails", async () => {
    const r = ref();
    const flag = join(scratch, "healthy");
    writeFileSync(flag, "");
    await driver.apply({
      ...r,
      properties: {
        Command: process.execPath,
        Args: ["-e", FLAKY_SERVER],
        Env: { FLAG: flag },
        ReadinessCheck: { Http: "/" },
        LivenessCheck: { Command: [process.execPath, "-e", "process.exit(require('fs').existsSync(process.env.FLAG) ? 0 : 3)"], PeriodSeconds: 0.1, FailureThreshold: 1 },
        StopTimeout: 2,
      },
    });
    const first = (await driver.observe(r))!.replicas[0]!;
    // Passing checks keep running: the replica answers, RestartCount stays 0 (read after several checks ran).
    await eventually(async () => (await whoAnswers(first.port)).pid === first.pid, "the replica to answer");
    rmSync(flag);
    const replica = await eventually(async () => {
      const x = (await driver.observe(r))!.replicas[0]!;
      return x.restartCount >= 1 && x.ready ? x : undefined;
    }, "a liveness restart");
    writeFileSync(flag, "");
    assert.equal(replica.lastState?.reason, "LivenessProbeFailed");
    assert.match(replica.lastState?.message ?? "", /^liveness probe failed: command ".*" exited with code 3$/);
    assert.notEqual(replica.pid, first.pid);
    assert.equal((await whoAnswers(replica.port)).pid, replica.pid);
  });

  test("a replica that ignores SIGTERM after failing its liveness check is killed after StopTimeout", async () => {
    const r = ref();
    const flag = join(scratch, "stubborn-healthy");
    writeFileSync(flag, "");
    await driver.apply({
      ...r,
      properties: {
        Command: process.execPath,
        Args: ["-e", FLAKY_SERVER],
        Env: { FLAG: flag, IGNORE_SIGTERM: "1" },
        ReadinessCheck: { Http: "/" },
        LivenessCheck: { Http: "/live", InitialDelaySeconds: START_DELAY, PeriodSeconds: 0.1, FailureThreshold: 1 },
        StopTimeout: 0.5,
      },
    });
    rmSync(flag);
    const replica = await eventually(async () => {
      const x = (await driver.observe(r))!.replicas[0]!;
      return x.lastState?.reason === "LivenessProbeFailed" ? x : undefined;
    }, "a liveness kill", 30_000);
    assert.equal(replica.lastState?.signal, "SIGKILL");
    assert.match(replica.lastState?.message ?? "", /^liveness probe failed: GET \/live on port \d+ answered 500$/);
  });
});
