import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { signAcs3 } from "../../src/cli/acs3-signer.ts";
import { sendRequest } from "../../src/cli/http-request.ts";
import { NativeClient } from "../../src/cli/native-client.ts";
import { COMPUTE_NEST } from "../../src/cli/rpc-client.ts";
import { freshSchemaUrl, TEST_DATABASE_URL } from "../support/dialects.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir } from "./harness.ts";

describe("two servers on one PostgreSQL store", { skip: TEST_DATABASE_URL ? false : "skipped: NESTBOX_TEST_DATABASE_URL is not set" }, () => {
  test("share the operator and accounts, and refuse a request replayed to the other server", async () => {
    const store = await freshSchemaUrl();
    const dirA = tempDataDir();
    const dirB = tempDataDir();
    const env = { NESTBOX_DATABASE_URL: store.url, NESTBOX_MASTER_KEY: randomBytes(32).toString("base64") };
    try {
      const a = await startTestServer(dirA, env);
      const b = await startTestServer(dirB, env);
      try {
        assert.equal(b.server.operator.accessKeyId, a.server.operator.accessKeyId, "one operator for the store");
        const credentials = await operatorCredentials(a.server);
        await new NativeClient(credentials).createAccount("shared-acme");
        const onB = await new NativeClient({ ...credentials, endpoint: new URL(b.server.url) }).listAccounts();
        assert.ok(onB.some((acc) => acc.name === "shared-acme"));

        // One signed request, sent to A and then replayed to B (same Host header, same nonce).
        const signed = signAcs3(
          {
            method: "POST",
            host: new URL(a.server.url).host,
            path: "/",
            headers: { "x-acs-action": "DescribeRegions", "x-acs-version": COMPUTE_NEST.version },
          },
          credentials,
        );
        const first = await sendRequest(new URL(a.server.url), "POST", signed.pathAndQuery, signed.headers, signed.body);
        assert.equal(first.status, 200, first.body);
        const replay = await sendRequest(new URL(b.server.url), "POST", signed.pathAndQuery, signed.headers, signed.body);
        assert.equal(replay.status, 400, replay.body);
        assert.equal(JSON.parse(replay.body).Code, "SignatureNonceUsed");
      } finally {
        await b.server.close();
        await a.server.close();
      }
    } finally {
      removeDir(dirA);
      removeDir(dirB);
      await store.drop();
    }
  });
});
