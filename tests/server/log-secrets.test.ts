import { test } from "node:test";
import assert from "node:assert/strict";
import RPCClient from "@alicloud/pop-core";
import { NativeClient } from "../../src/cli/native-client.ts";
import { COMPUTE_NEST, RpcClient } from "../../src/cli/rpc-client.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir } from "./harness.ts";

test("log lines never carry access key secrets, signatures or Authorization headers", async () => {
  const dataDir = tempDataDir();
  try {
    const { server, logs } = await startTestServer(dataDir, { NESTBOX_LOG_LEVEL: "trace" });
    try {
      const credentials = await operatorCredentials(server);
      const created = await new NativeClient(credentials).createAccessKey();
      // RPC V1 puts its signature in the query string (pop-core GET).
      const pop = new RPCClient({
        endpoint: server.url,
        apiVersion: COMPUTE_NEST.version,
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
      });
      await pop.request("DescribeRegions", {}, { method: "GET" });
      // A refused call (wrong secret) logs its failure too.
      await assert.rejects(new RpcClient({ ...credentials, accessKeySecret: "wrong-secret-value" }).call(COMPUTE_NEST, "DescribeRegions", {}));

      const text = logs.join("\n");
      assert.ok(logs.length > 5, "the test saw the request logs");
      assert.ok(text.includes("DescribeRegions") || text.includes("Action="), "request URLs are logged");
      for (const secret of [credentials.accessKeySecret, created.accessKeySecret, "wrong-secret-value"]) {
        assert.ok(!text.includes(secret), "a secret reached the logs");
      }
      assert.doesNotMatch(text, /Signature=(?!\[Redacted\])/);
      assert.doesNotMatch(text, /ACS3-HMAC-SHA256 Credential/);
    } finally {
      await server.close();
    }
  } finally {
    removeDir(dataDir);
  }
});
