// Shared by the ServiceStage SDK tests: a real `nestbox serve` in this process and the official
// Huawei core (HcClient with BasicCredentials and a plain http endpoint, CLIENTS.md 3).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { projectId } from "../../../src/core/servicestage/projects.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../../server/harness.ts";

const require = createRequire(import.meta.url);
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");

// The core logs every failed request (Authorization header included) to stdout; quiet unless asked.
if (!process.env.HUAWEI_SDK_LOG) {
  try {
    require("log4js").configure({ appenders: { out: { type: "stdout" } }, categories: { default: { appenders: ["out"], level: "off" } } });
  } catch {
    // log4js not resolvable from here: the core keeps its default
  }
}

export const AK = "HWAKSDKTEST0000000000";
export const SK = "hwsdktestsecret00000000000000000";
export const REGION = "cn-north-4";

export interface HuaweiServer {
  readonly s: TestServer;
  readonly endpoint: string;
  readonly projectId: string;
  client(options?: { sk?: string }): any;
  call<T = any>(method: string, url: string, options?: { pathParams?: Record<string, string>; queryParams?: Record<string, unknown>; body?: unknown; sk?: string }): Promise<T>;
  close(): Promise<void>;
}

export async function startHuaweiServer(): Promise<HuaweiServer> {
  const dataDir = tempDataDir();
  const s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SK, NESTBOX_LOG_LEVEL: "warn" });
  const endpoint = s.server.url;
  const accountId = await accountOf(s);
  const pid = projectId(accountId, REGION);
  const client = (options: { sk?: string } = {}) =>
    new ClientBuilder((c: unknown) => c)
      .withCredential(new BasicCredentials().withAk(AK).withSk(options.sk ?? SK).withProjectId(pid))
      .withEndpoint(endpoint)
      .withOptions({ customUserAgent: "nestbox-tests" })
      .build();
  const call = async (method: string, url: string, options: { pathParams?: Record<string, string>; queryParams?: Record<string, unknown>; body?: unknown; sk?: string } = {}) => {
    const request: Record<string, unknown> = {
      method,
      url,
      contentType: "application/json",
      pathParams: options.pathParams ?? {},
      queryParams: options.queryParams ?? {},
      headers: {},
    };
    if (options.body !== undefined) request.data = options.body;
    return client(options.sk ? { sk: options.sk } : {}).sendRequest(request);
  };
  return {
    s,
    endpoint,
    projectId: pid,
    client,
    call,
    async close() {
      await s.server.close();
      removeDir(dataDir);
    },
  };
}

async function accountOf(s: TestServer): Promise<string> {
  const { readFileSync } = await import("node:fs");
  const creds = JSON.parse(readFileSync(s.server.credentialsFile, "utf8")) as { accountId?: string };
  assert.ok(creds.accountId, "the credentials file names the operator account");
  return creds.accountId;
}

/** Polls until `check` returns a value (not undefined); fails with the last state after the timeout. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const got = await check();
      if (got !== undefined) return got;
    } catch (e) {
      last = e;
    }
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every key of `expected` is in `actual` with the documented JSON type; null in the seed accepts null or `documented[path]`. */
export function assertSameShape(actual: unknown, expected: unknown, documented: Record<string, string>, path = "$"): void {
  const kind = (v: unknown) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (expected === null) {
    const allowed = documented[path];
    assert.ok(kind(actual) === "null" || kind(actual) === allowed, `${path}: ${kind(actual)} is neither null nor ${allowed ?? "(undocumented)"}`);
    return;
  }
  assert.equal(kind(actual), kind(expected), `${path}: ${JSON.stringify(actual)?.slice(0, 120)}`);
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length && actual.length) assertSameShape(actual[0], expected[0], documented, `${path}[0]`);
  if (kind(expected) === "object") {
    for (const [k, v] of Object.entries(expected as object)) {
      assert.ok(k in (actual as object), `${path}.${k} is missing`);
      assertSameShape((actual as Record<string, unknown>)[k], v, documented, `${path}.${k}`);
    }
  }
}
