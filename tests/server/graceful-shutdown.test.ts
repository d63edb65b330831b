import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { removeDir, startTestServer, tempDataDir } from "./harness.ts";

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("graceful shutdown", () => {
  test("close lets an in-flight request finish, then refuses connections and releases the data directory", async () => {
    const dataDir = tempDataDir();
    try {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let arrived!: () => void;
      const inFlight = new Promise<void>((r) => (arrived = r));
      const { server } = await startTestServer(dataDir, {}, {
        routes: (app) =>
          app.get("/__test/slow", async () => {
            arrived();
            await released;
            return { finished: true };
          }),
      });
      const slow = get(`${server.url}/__test/slow`);
      await inFlight;

      let closed = false;
      const closing = server.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(closed, false, "close waits for the in-flight request");
      release();

      const answer = await slow;
      assert.equal(answer.status, 200);
      assert.deepEqual(JSON.parse(answer.body), { finished: true });
      await closing;
      assert.equal(existsSync(join(dataDir, "nestbox.lock")), false);
      await assert.rejects(get(`${server.url}/healthz`), /ECONNREFUSED/);
      await server.close(); // a second close is harmless
    } finally {
      removeDir(dataDir);
    }
  });
});
