import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { COMPUTE_NEST, RpcApiError, RpcClient } from "../../src/cli/rpc-client.ts";
import { parseEndpoint } from "../../src/cli/credentials.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";
import { nestbox } from "./cli-harness.ts";

describe("nestbox accounts and keys", () => {
  let dataDir: string;
  let running: TestServer;
  let env: Record<string, string>;

  before(async () => {
    dataDir = tempDataDir();
    running = await startTestServer(dataDir);
    env = { NESTBOX_DATA_DIR: dataDir };
  });
  after(async () => {
    await running.server.close();
    removeDir(dataDir);
  });

  test("accounts create and list, as a table and as JSON", async () => {
    const created = await nestbox(env, "accounts", "create", "acme", "--output", "json");
    assert.equal(created.code, 0, created.stderr);
    const account = created.json();
    assert.equal(account.name, "acme");
    assert.equal(account.isOperator, false);
    assert.match(account.accountId, /^\d{16}$/);

    const table = await nestbox(env, "accounts", "list");
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trim().split("\n");
    assert.match(lines[0]!, /^ACCOUNTID\s+NAME\s+OPERATOR\s+CREATEDAT$/);
    assert.ok(lines.some((l) => l.includes(account.accountId) && l.includes("acme")));
    assert.ok(lines.some((l) => l.includes("operator") && l.includes("yes")));

    const duplicate = await nestbox(env, "accounts", "create", "acme");
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /^nestbox: ACCOUNT_NAME_ALREADY_EXISTS: .*\(request id [0-9A-F-]+\)\n$/);
  });

  test("a disabled key is refused by the RPC face until it is enabled again; a deleted key is unknown", async () => {
    const account = (await nestbox(env, "accounts", "create", "globex", "--output", "json")).json();
    const created = await nestbox(env, "keys", "create", "--account", account.accountId, "--output", "json");
    assert.equal(created.code, 0, created.stderr);
    const key = created.json();
    assert.equal(key.accountId, account.accountId);
    assert.equal(key.status, "Active");
    assert.ok(key.accessKeySecret);

    const listed = (await nestbox(env, "keys", "list", "--account", account.accountId, "--output", "json")).json();
    assert.deepEqual(listed.accessKeys.map((k: { accessKeyId: string }) => k.accessKeyId), [key.accessKeyId]);
    assert.equal(listed.accessKeys[0].accessKeySecret, undefined, "lists never show secrets");

    const asGlobex = new RpcClient({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      endpoint: parseEndpoint(running.server.url),
      source: "test",
    });
    await asGlobex.call(COMPUTE_NEST, "DescribeRegions", {});

    const disabled = await nestbox(env, "keys", "disable", key.accessKeyId, "--output", "json");
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.equal(disabled.json().status, "Inactive");
    await assert.rejects(asGlobex.call(COMPUTE_NEST, "DescribeRegions", {}), (e: unknown) => {
      assert.ok(e instanceof RpcApiError);
      assert.ok(e.status >= 400 && e.status < 500, String(e.status));
      assert.match(e.code, /InvalidAccessKeyId\.Inactive|Forbidden\.AccessKeyDisabled/);
      return true;
    });

    assert.equal((await nestbox(env, "keys", "enable", key.accessKeyId)).code, 0);
    await asGlobex.call(COMPUTE_NEST, "DescribeRegions", {});

    const deleted = await nestbox(env, "keys", "delete", key.accessKeyId);
    assert.equal(deleted.code, 0, deleted.stderr);
    await assert.rejects(asGlobex.call(COMPUTE_NEST, "DescribeRegions", {}), (e: unknown) => e instanceof RpcApiError && e.code === "InvalidAccessKeyId.NotFound");
    const again = await nestbox(env, "keys", "delete", key.accessKeyId);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /ACCESS_KEY_NOT_FOUND/);
  });

  test("keys list defaults to the caller's own account", async () => {
    const own = await nestbox(env, "keys", "list", "--output", "json");
    assert.equal(own.code, 0, own.stderr);
    assert.ok(own.json().accessKeys.some((k: { accessKeyId: string }) => k.accessKeyId === running.server.operator.accessKeyId));
  });
});
