import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, endpointUrl, loadConfig } from "../../src/server/config.ts";
import { DEFAULT_REGIONS } from "../../src/core/regions.ts";

describe("loadConfig", () => {
  test("defaults to 127.0.0.1:8800, ./.nestbox, SQLite, default regions, info logs, auto review", () => {
    const c = loadConfig({}, {}, "/srv/app");
    assert.equal(c.host, "127.0.0.1");
    assert.equal(c.port, 8800);
    assert.equal(c.dataDir, "/srv/app/.nestbox");
    assert.equal(c.databaseUrl, undefined);
    assert.deepEqual(c.regions, [...DEFAULT_REGIONS]);
    assert.equal(c.defaultRegion, DEFAULT_REGIONS[0]);
    assert.equal(c.logLevel, "info");
    assert.equal(c.reviewMode, "auto");
    assert.equal(c.rootAccessKeyId, undefined);
  });

  test("reads every NESTBOX_* variable", () => {
    const c = loadConfig(
      {
        NESTBOX_PORT: "9000",
        NESTBOX_HOST: "0.0.0.0",
        NESTBOX_DATA_DIR: "/var/lib/nestbox",
        NESTBOX_DATABASE_URL: "postgres://u@db:5432/nestbox",
        NESTBOX_REGIONS: "cn-hangzhou, eu-central-1 ,cn-hangzhou",
        NESTBOX_DEFAULT_REGION: "eu-central-1",
        NESTBOX_MASTER_KEY: "k",
        NESTBOX_ROOT_ACCESS_KEY_ID: "LTAIid",
        NESTBOX_ROOT_ACCESS_KEY_SECRET: "secret",
        NESTBOX_LOG_LEVEL: "DEBUG",
        NESTBOX_REVIEW_MODE: "manual",
      },
      {},
      "/x",
    );
    assert.equal(c.port, 9000);
    assert.equal(c.host, "0.0.0.0");
    assert.equal(c.dataDir, "/var/lib/nestbox");
    assert.equal(c.databaseUrl, "postgres://u@db:5432/nestbox");
    assert.deepEqual(c.regions, ["cn-hangzhou", "eu-central-1"]);
    assert.equal(c.defaultRegion, "eu-central-1");
    assert.equal(c.masterKey, "k");
    assert.equal(c.rootAccessKeyId, "LTAIid");
    assert.equal(c.rootAccessKeySecret, "secret");
    assert.equal(c.logLevel, "debug");
    assert.equal(c.reviewMode, "manual");
  });

  test("flags win over the environment; port 0 is allowed", () => {
    const c = loadConfig({ NESTBOX_PORT: "9000", NESTBOX_HOST: "0.0.0.0", NESTBOX_DATA_DIR: "/a" }, { port: "0", host: "::1", dataDir: "rel" }, "/cwd");
    assert.equal(c.port, 0);
    assert.equal(c.host, "::1");
    assert.equal(c.dataDir, "/cwd/rel");
  });

  test("empty variables count as unset", () => {
    const c = loadConfig({ NESTBOX_PORT: "", NESTBOX_DATABASE_URL: " ", NESTBOX_REGIONS: undefined }, {}, "/x");
    assert.equal(c.port, 8800);
    assert.equal(c.databaseUrl, undefined);
  });

  const invalid: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    ["a port that is not a number", { NESTBOX_PORT: "80a" }, {}, /NESTBOX_PORT/],
    ["a port above 65535", {}, { port: "70000" }, /--port/],
    ["a negative port", { NESTBOX_PORT: "-1" }, {}, /NESTBOX_PORT/],
    ["a database URL that is not PostgreSQL", { NESTBOX_DATABASE_URL: "mysql://x" }, {}, /NESTBOX_DATABASE_URL/],
    ["a default region outside the list", { NESTBOX_REGIONS: "cn-hangzhou", NESTBOX_DEFAULT_REGION: "us-east-1" }, {}, /NESTBOX_DEFAULT_REGION/],
    ["an empty region list", { NESTBOX_REGIONS: " , " }, {}, /NESTBOX_REGIONS/],
    ["a malformed region id", { NESTBOX_REGIONS: "cn-hangzhou,Bad Region" }, {}, /Bad Region/],
    ["a root key id without its secret", { NESTBOX_ROOT_ACCESS_KEY_ID: "LTAIx" }, {}, /NESTBOX_ROOT_ACCESS_KEY_SECRET/],
    ["an unknown log level", { NESTBOX_LOG_LEVEL: "loud" }, {}, /NESTBOX_LOG_LEVEL/],
    ["an unknown review mode", { NESTBOX_REVIEW_MODE: "never" }, {}, /NESTBOX_REVIEW_MODE/],
  ];
  for (const [name, env, flags, message] of invalid) {
    test(`rejects ${name} with a message naming the setting`, () => {
      assert.throws(() => loadConfig(env, flags, "/x"), (e: unknown) => e instanceof ConfigError && message.test(e.message));
    });
  }
});

describe("endpointUrl", () => {
  test("points clients at loopback when listening on every interface", () => {
    assert.equal(endpointUrl("0.0.0.0", 8800), "http://127.0.0.1:8800");
    assert.equal(endpointUrl("::", 1), "http://127.0.0.1:1");
    assert.equal(endpointUrl("localhost", 8800), "http://localhost:8800");
    assert.equal(endpointUrl("::1", 8800), "http://[::1]:8800");
  });
});
