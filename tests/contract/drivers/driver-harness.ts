import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { get } from "node:http";
import assert from "node:assert/strict";
import type { Driver } from "../../../src/engine/drivers/driver.ts";
import { DriverError } from "../../../src/engine/drivers/driver-error.ts";
import { FakeDriver } from "../../../src/engine/drivers/fake-driver.ts";
import { createLocalDriver, type LocalProcessOptions } from "../../../src/engine/drivers/local-driver.ts";
import { AesGcmCipher } from "../../../src/storage/crypto/aes-gcm-cipher.ts";

/** The replica program the process tests run (plain ESM, so it starts fast). */
export const HTTP_SERVER = fileURLToPath(new URL("./fixtures/http-server.mjs", import.meta.url));

/** Short timers so crash loops and readiness settle in milliseconds, not seconds. */
export const FAST_PROCESS_OPTIONS: LocalProcessOptions = {
  superviseIntervalMs: 50,
  backoff: { initialMs: 100, maxMs: 400, resetAfterMs: 60_000 },
  startGraceMs: 200,
  readinessPeriodMs: 200,
  probeTimeoutMs: 1_000,
  readyTimeoutMs: 30_000,
};

export const testCipher = new AesGcmCipher(randomBytes(32));

export type DriverName = "fake" | "local";

/** Drivers to run, narrowed by DRIVERS=fake,local. */
export function driversUnderTest(): DriverName[] {
  const wanted = (process.env.DRIVERS ?? "fake,local").split(",").map((s) => s.trim());
  return (["fake", "local"] as const).filter((d) => wanted.includes(d));
}

export interface TestDriver {
  readonly driver: Driver;
  /** Empty for the fake. */
  readonly dataDir: string;
  /** Another driver on the same data directory: nestbox restarted, in effect. */
  reopen(): Promise<Driver>;
  /** Closes every driver made here, kills every replica process left, removes the data dir. */
  cleanup(): Promise<void>;
}

export async function openTestDriver(name: DriverName, process: LocalProcessOptions = FAST_PROCESS_OPTIONS): Promise<TestDriver> {
  if (name === "fake") {
    const driver = new FakeDriver();
    return { driver, dataDir: "", reopen: async () => driver, cleanup: async () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "nestbox-driver-"));
  const drivers: Driver[] = [];
  const open = async () => {
    const d = createLocalDriver({ dataDir, cipher: testCipher, process });
    drivers.push(d);
    await d.open();
    return d;
  };
  const driver = await open();
  return {
    driver,
    dataDir,
    reopen: open,
    cleanup: async () => {
      for (const d of drivers) await d.close();
      killReplicasUnder(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** SIGKILLs the process group of every pid any state file under `dataDir` records. */
export function killReplicasUnder(dataDir: string): void {
  const runtime = join(dataDir, "runtime");
  let keys: string[] = [];
  try {
    keys = readdirSync(runtime);
  } catch {
    return;
  }
  for (const key of keys) {
    let state: { slots?: { current?: { pid?: number }; surge?: { pid?: number } }[] };
    try {
      state = JSON.parse(readFileSync(join(runtime, key, "state.json"), "utf8"));
    } catch {
      continue;
    }
    for (const slot of state.slots ?? []) {
      for (const pid of [slot.current?.pid, slot.surge?.pid]) {
        if (pid === undefined) continue;
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  }
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

/** Polls until `check` returns a value other than undefined/false; fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function rejectsWithDriverError(p: Promise<unknown>, code: string, retryable: boolean, message?: RegExp): Promise<DriverError> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof DriverError, `expected a DriverError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.retryable, retryable);
  if (message) assert.match(caught.message, message);
  return caught;
}

export const uniqueKey = (logical: string) => `si-${randomBytes(10).toString("hex")}.${logical}`;

/** GET http://127.0.0.1:<port>/ on the fixture server. */
export function whoAnswers(port: number): Promise<{ pid: number; replica: string; port: number; greeting: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: "/", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        try {
          resolve(JSON.parse(body));
        } catch (e) {
          reject(e);
        }
      });
    }).on("error", reject);
  });
}
