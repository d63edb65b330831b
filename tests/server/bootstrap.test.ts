import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { removeDir, startTestServer, tempDataDir } from "./harness.ts";

describe("first start", () => {
  test("creates the operator, writes credentials.json (0600) and logs the key id and path, never the secret", async () => {
    const dataDir = tempDataDir();
    try {
      const { server, logs } = await startTestServer(dataDir);
      try {
        const file = join(dataDir, "credentials.json");
        assert.equal(server.credentialsFile, file);
        assert.equal(statSync(file).mode & 0o777, 0o600);
        const credentials = JSON.parse(readFileSync(file, "utf8"));
        assert.deepEqual(Object.keys(credentials).sort(), ["accessKeyId", "accessKeySecret", "accountId", "endpoint"]);
        assert.equal(credentials.accessKeyId, server.operator.accessKeyId);
        assert.equal(credentials.accountId, server.operator.accountId);
        assert.equal(credentials.endpoint, server.url);
        assert.match(credentials.accountId, /^\d{16}$/);
        assert.ok(credentials.accessKeySecret.length >= 16);
        assert.equal(server.operator.created, true);

        const text = logs.join("\n");
        const line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === "Created operator access key");
        assert.ok(line, text);
        assert.equal(line.accessKeyId, credentials.accessKeyId);
        assert.equal(line.credentialsFile, file);
        assert.ok(!text.includes(credentials.accessKeySecret), "a log line holds the secret");
      } finally {
        await server.close();
      }

      // A restart finds the same key and keeps the file.
      const again = await startTestServer(dataDir);
      try {
        assert.equal(again.server.operator.accessKeyId, server.operator.accessKeyId);
        assert.equal(again.server.operator.created, false);
        assert.ok(again.logs.some((l) => JSON.parse(l).msg === "Found operator access key"));
      } finally {
        await again.server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  test("NESTBOX_ROOT_ACCESS_KEY_ID/SECRET choose the operator's key", async () => {
    const dataDir = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir, {
        NESTBOX_ROOT_ACCESS_KEY_ID: "LTAIexplicitoperator001",
        NESTBOX_ROOT_ACCESS_KEY_SECRET: "explicitOperatorSecret0000001",
      });
      try {
        const credentials = JSON.parse(readFileSync(join(dataDir, "credentials.json"), "utf8"));
        assert.equal(credentials.accessKeyId, "LTAIexplicitoperator001");
        assert.equal(credentials.accessKeySecret, "explicitOperatorSecret0000001");
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});
