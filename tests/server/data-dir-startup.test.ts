import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StartupError } from "../../src/server/start-server.ts";
import { removeDir, startTestServer, tempDataDir } from "./harness.ts";

describe("data directory ownership", () => {
  test("a second server on the same data directory fails with a clear error; the first keeps running", async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startTestServer(dataDir);
      try {
        await assert.rejects(
          startTestServer(dataDir),
          (e: unknown) => e instanceof StartupError && e.message.includes(String(process.pid)) && e.message.includes("nestbox.lock"),
        );
        const health = await fetch(`${first.server.url}/healthz`);
        assert.equal(health.status, 200);
      } finally {
        await first.server.close();
      }
      assert.equal(existsSync(join(dataDir, "nestbox.lock")), false, "close releases the lock");
      const second = await startTestServer(dataDir);
      await second.server.close();
    } finally {
      removeDir(dataDir);
    }
  });

  test("a lock left by a dead process is taken over", async () => {
    const dataDir = tempDataDir();
    try {
      const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
      writeFileSync(join(dataDir, "nestbox.lock"), JSON.stringify({ pid: dead, startedAt: "2020-01-01T00:00:00.000Z" }));
      const { server } = await startTestServer(dataDir);
      try {
        assert.equal(JSON.parse(readFileSync(join(dataDir, "nestbox.lock"), "utf8")).pid, process.pid);
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  test("a failed start releases the lock (port already in use)", async () => {
    const dataDir = tempDataDir();
    const other = tempDataDir();
    try {
      const first = await startTestServer(other);
      try {
        await assert.rejects(
          startTestServer(dataDir, { NESTBOX_PORT: String(first.server.port) }),
          (e: unknown) => e instanceof StartupError && /already in use/.test(e.message),
        );
        assert.equal(existsSync(join(dataDir, "nestbox.lock")), false);
      } finally {
        await first.server.close();
      }
    } finally {
      removeDir(dataDir);
      removeDir(other);
    }
  });
});

describe("start-up problems an operator fixes", () => {
  test("a master key that differs from the data directory's is refused before serving", async () => {
    const dataDir = tempDataDir();
    try {
      const first = await startTestServer(dataDir);
      await first.server.close();
      await assert.rejects(
        startTestServer(dataDir, { NESTBOX_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") }),
        (e: unknown) => e instanceof StartupError && /NESTBOX_MASTER_KEY differs/.test(e.message),
      );
      assert.equal(existsSync(join(dataDir, "nestbox.lock")), false);
    } finally {
      removeDir(dataDir);
    }
  });

  test("an unusable root access key setting is refused with the reason", async () => {
    const dataDir = tempDataDir();
    try {
      await assert.rejects(
        startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: "bad id with spaces", NESTBOX_ROOT_ACCESS_KEY_SECRET: "x" }),
        (e: unknown) => e instanceof StartupError && /^Cannot start: /.test(e.message),
      );
    } finally {
      removeDir(dataDir);
    }
  });

  test("an unreachable PostgreSQL is reported as such", async () => {
    const dataDir = tempDataDir();
    try {
      await assert.rejects(
        startTestServer(dataDir, { NESTBOX_DATABASE_URL: "postgres://postgres@127.0.0.1:1/nestbox", NESTBOX_MASTER_KEY: Buffer.alloc(32, 1).toString("base64") }),
        (e: unknown) => e instanceof StartupError && /Cannot open the PostgreSQL store/.test(e.message),
      );
      assert.equal(existsSync(join(dataDir, "nestbox.lock")), false);
    } finally {
      removeDir(dataDir);
    }
  });
});
