import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeDir, startTestServer, tempDataDir } from "../server/harness.ts";
import { nestbox } from "./cli-harness.ts";

describe("nestbox client errors", () => {
  test("says the server is not running when nothing listens at the endpoint", async () => {
    const dataDir = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir);
      await server.close(); // credentials.json stays, pointing at a closed port
      const run = await nestbox({ NESTBOX_DATA_DIR: dataDir }, "accounts", "list");
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^nestbox: Cannot reach nestbox at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\. Is the server running\?/);
    } finally {
      removeDir(dataDir);
    }
  });

  test("says where it looked when there are no credentials", async () => {
    const dataDir = tempDataDir();
    try {
      const run = await nestbox({ NESTBOX_DATA_DIR: dataDir }, "keys", "list");
      assert.equal(run.code, 1);
      assert.ok(run.stderr.includes(join(dataDir, "credentials.json")), run.stderr);
      assert.match(run.stderr, /nestbox serve/);
    } finally {
      removeDir(dataDir);
    }
  });

  test("--credentials and --endpoint override the data directory's file", async () => {
    const dataDir = tempDataDir();
    const elsewhere = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir);
      try {
        const file = join(elsewhere, "ops.json");
        const { accessKeyId, accessKeySecret } = JSON.parse(
          (await import("node:fs")).readFileSync(server.credentialsFile, "utf8"),
        );
        writeFileSync(file, JSON.stringify({ accessKeyId, accessKeySecret }));
        const missingEndpoint = await nestbox({}, "--credentials", file, "accounts", "list");
        assert.equal(missingEndpoint.code, 1);
        assert.match(missingEndpoint.stderr, /--endpoint/);
        const run = await nestbox({}, "--credentials", file, "--endpoint", server.url.replace("http://", ""), "accounts", "list", "--output", "json");
        assert.equal(run.code, 0, run.stderr);
        assert.ok(run.json().accounts.length >= 1);
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
      removeDir(elsewhere);
    }
  });

  test("a wrong secret is refused with the server's error code", async () => {
    const dataDir = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir);
      try {
        const file = join(dataDir, "wrong.json");
        writeFileSync(file, JSON.stringify({ accessKeyId: server.operator.accessKeyId, accessKeySecret: "not-the-secret", endpoint: server.url }));
        const run = await nestbox({}, "--credentials", file, "accounts", "list");
        assert.equal(run.code, 1);
        assert.match(run.stderr, /^nestbox: SignatureDoesNotMatch: /);
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  test("usage errors exit non-zero with commander's message; --output is checked", async () => {
    const run = await nestbox({}, "accounts", "create");
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /missing required argument 'name'/);
    const bad = await nestbox({}, "--output", "yaml", "accounts", "list");
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /Allowed choices are table, json/);
  });
});
