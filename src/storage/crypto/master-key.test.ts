import { afterEach, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MASTER_KEY_FILE_NAME, MasterKeyError, loadOrCreateMasterKey, parseMasterKey } from "./master-key.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "nestbox-key-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("first use creates a 32-byte key in master.key, readable by the owner only", () => {
  const dataDir = join(dir, "data");
  const key = loadOrCreateMasterKey(dataDir);
  assert.equal(key.length, 32);
  const file = join(dataDir, MASTER_KEY_FILE_NAME);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(parseMasterKey(readFileSync(file, "utf8"), "file"), key);
  assert.deepEqual(readdirSync(dataDir), [MASTER_KEY_FILE_NAME], "no temporary file is left behind");
});

test("later uses read the same key and tighten a widened file mode", () => {
  const first = loadOrCreateMasterKey(dir);
  chmodSync(join(dir, MASTER_KEY_FILE_NAME), 0o644);
  assert.deepEqual(loadOrCreateMasterKey(dir), first);
  assert.equal(statSync(join(dir, MASTER_KEY_FILE_NAME)).mode & 0o777, 0o600);
});

test("NESTBOX_MASTER_KEY in base64 or hex overrides and writes no file", () => {
  const key = randomBytes(32);
  assert.deepEqual(loadOrCreateMasterKey(dir, key.toString("base64")), key);
  assert.deepEqual(loadOrCreateMasterKey(dir, key.toString("hex")), key);
  assert.deepEqual(loadOrCreateMasterKey(dir, ` ${key.toString("base64url")}\n`), key);
  assert.equal(existsSync(join(dir, MASTER_KEY_FILE_NAME)), false);
});

test("an environment key that differs from master.key is refused", () => {
  loadOrCreateMasterKey(dir);
  assert.throws(() => loadOrCreateMasterKey(dir, randomBytes(32).toString("base64")), (e: unknown) => {
    assert.ok(e instanceof MasterKeyError);
    assert.match(e.message, /differs from the master key/);
    return true;
  });
});

test("an environment key equal to master.key is accepted", () => {
  const key = loadOrCreateMasterKey(dir);
  assert.deepEqual(loadOrCreateMasterKey(dir, key.toString("hex")), key);
});

test("a missing master.key next to an existing embedded store is an error, not a new key", () => {
  writeFileSync(join(dir, "nestbox.db"), "");
  assert.throws(() => loadOrCreateMasterKey(dir), /master key .* is missing/);
  assert.equal(existsSync(join(dir, MASTER_KEY_FILE_NAME)), false);
});

test("malformed keys are refused without echoing the value", () => {
  const short = randomBytes(16).toString("base64");
  for (const bad of [short, "not a key!", "zz".repeat(32)]) {
    assert.throws(() => loadOrCreateMasterKey(dir, bad), (e: unknown) => {
      assert.ok(e instanceof MasterKeyError);
      assert.match(e.message, /NESTBOX_MASTER_KEY must be a 32-byte key/);
      assert.ok(!e.message.includes(bad));
      return true;
    });
  }
  writeFileSync(join(dir, MASTER_KEY_FILE_NAME), "garbage\n", { mode: 0o600 });
  assert.throws(() => loadOrCreateMasterKey(dir), /master\.key must be a 32-byte key/);
});
