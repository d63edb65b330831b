import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from "../../src/server/data-dir-lock.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "nestbox-lock-"));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("data directory lock", () => {
  test("writes the owner's pid and start time, and removes the file on release", () => {
    const dir = tempDir();
    try {
      const lock = acquireDataDirLock(dir, new Date("2026-01-02T03:04:05Z"));
      const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), "utf8"));
      assert.deepEqual(owner, { pid: process.pid, startedAt: "2026-01-02T03:04:05.000Z" });
      lock.release();
      lock.release();
      assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("refuses a second holder while the owner is alive, naming its pid", () => {
    const dir = tempDir();
    try {
      const lock = acquireDataDirLock(dir);
      assert.throws(
        () => acquireDataDirLock(dir),
        (e: unknown) => e instanceof DataDirLockedError && e.owner.pid === process.pid && e.message.includes(String(process.pid)),
      );
      lock.release();
      acquireDataDirLock(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("takes over a stale lock left by a dead process", () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid(), startedAt: "2020-01-01T00:00:00.000Z" }));
      const lock = acquireDataDirLock(dir);
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), "utf8")).pid, process.pid);
      lock.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("takes over an unreadable lock file", () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, LOCK_FILE_NAME), "garbage");
      acquireDataDirLock(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("release leaves a lock that another owner has taken since", () => {
    const dir = tempDir();
    try {
      const lock = acquireDataDirLock(dir);
      writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 1, startedAt: "other" }));
      lock.release();
      assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
