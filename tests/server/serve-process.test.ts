import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { removeDir, tempDataDir, testEnv } from "./harness.ts";

const BIN = fileURLToPath(new URL("../../bin/nestbox.mjs", import.meta.url));

/** Starts `nestbox serve` and resolves with its URL once the "Started nestbox" log line appears. */
function serve(dataDir: string): Promise<{ child: ChildProcess; url: string; stdout: () => string }> {
  const child = spawn(process.execPath, [BIN, "serve"], { env: { ...process.env, ...testEnv(dataDir, { NESTBOX_LOG_LEVEL: "info" }) } });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      for (const line of out.split("\n")) {
        if (!line.includes('"Started nestbox"')) continue;
        resolve({ child, url: JSON.parse(line).url, stdout: () => out });
      }
    });
    child.once("exit", (code) => reject(new Error(`nestbox serve exited with ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

describe("nestbox serve", () => {
  test("stops cleanly on SIGTERM; a second serve on the data directory exits 1 with a clear message", async () => {
    const dataDir = tempDataDir();
    try {
      const { child, url } = await serve(dataDir);
      try {
        assert.equal((await fetch(`${url}/healthz`)).status, 200);
        const second = spawnSync(process.execPath, [BIN, "serve"], {
          env: { ...process.env, ...testEnv(dataDir) },
          encoding: "utf8",
        });
        assert.equal(second.status, 1);
        assert.match(second.stderr, /^nestbox: The data directory is in use by nestbox process \d+/);
        assert.doesNotMatch(second.stderr, /\n\s+at /, "no stack trace");
      } finally {
        child.kill("SIGTERM");
      }
      assert.equal(await exited(child), 0);
      assert.equal(existsSync(join(dataDir, "nestbox.lock")), false);
    } finally {
      removeDir(dataDir);
    }
  });

  test("a bad setting exits 1 naming the variable", () => {
    const result = spawnSync(process.execPath, [BIN, "serve"], {
      env: { ...process.env, NESTBOX_PORT: "eighty" },
      encoding: "utf8",
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /NESTBOX_PORT must be a port number/);
  });
});
