import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { NativeClient } from "../../src/cli/native-client.ts";
import { COMPUTE_NEST, RpcClient } from "../../src/cli/rpc-client.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir } from "./harness.ts";

describe("operational endpoints", () => {
  test("/healthz answers 200 while the store answers", async () => {
    const dataDir = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir);
      try {
        const res = await fetch(`${server.url}/healthz`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: "ok" });
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  test("/metrics counts requests and their latency by face and action", async () => {
    const dataDir = tempDataDir();
    try {
      const { server } = await startTestServer(dataDir);
      try {
        const credentials = await operatorCredentials(server);
        await new NativeClient(credentials).listAccounts();
        await new RpcClient(credentials).call(COMPUTE_NEST, "DescribeRegions", {});
        const res = await fetch(`${server.url}/metrics`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
        const text = await res.text();
        assert.match(text, /nestbox_requests_total\{face="native",action="ListAccounts",status="200"\} 1/);
        assert.match(text, /nestbox_request_duration_seconds_count\{face="native",action="ListAccounts"\} 1/);
        assert.match(text, /nestbox_requests_total\{face="[a-z-]+",action="DescribeRegions",status="200"\} 1/);
        assert.match(text, /nestbox_request_duration_seconds_bucket\{le="[0-9.]+",face="[a-z-]+",action="DescribeRegions"\}/);
      } finally {
        await server.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });
});
