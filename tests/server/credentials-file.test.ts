import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { credentialsPath, readCredentialsFile, writeCredentialsFile } from "../../src/server/credentials-file.ts";

const sample = { accessKeyId: "LTAIabc", accessKeySecret: "sek", accountId: "1000000000000001", endpoint: "http://127.0.0.1:8800" };

test("writes credentials.json readable by the owner only, and rewrites it only when it changes", () => {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-cred-"));
  try {
    assert.equal(writeCredentialsFile(dir, sample), true);
    assert.equal(statSync(credentialsPath(dir)).mode & 0o777, 0o600);
    assert.deepEqual(JSON.parse(readFileSync(credentialsPath(dir), "utf8")), sample);
    assert.deepEqual(readCredentialsFile(dir), sample);
    assert.equal(writeCredentialsFile(dir, sample), false);
    assert.equal(writeCredentialsFile(dir, { ...sample, endpoint: "http://127.0.0.1:9" }), true);
    assert.equal(readCredentialsFile(dir)?.endpoint, "http://127.0.0.1:9");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("tightens a credentials file that was made world-readable", () => {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-cred-"));
  try {
    writeFileSync(credentialsPath(dir), JSON.stringify(sample, null, 2) + "\n");
    chmodSync(credentialsPath(dir), 0o644);
    writeCredentialsFile(dir, sample);
    assert.equal(statSync(credentialsPath(dir)).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
