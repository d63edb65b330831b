// Test support for PAI-EAS: a nestbox server with a known root key, calls made the way the
// official SDK (@alicloud/eas20210701 on @alicloud/openapi-client) makes them, pop-core's
// ROAClient, and an example service spec running fixtures/echo-server.mjs.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";

const require = createRequire(import.meta.url);
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");
const { ROAClient } = require("@alicloud/pop-core");

export const AK = "LTAIeastest0000000000000";
export const SECRET = "eastestsecret00000000000000000";
export const REGION = "cn-shanghai";
export const ECHO_SERVER = fileURLToPath(new URL("./fixtures/echo-server.mjs", import.meta.url));

export type Signing = "acs3" | "v2";

export interface EasTestServer {
  readonly s: TestServer;
  readonly port: number;
  /** One SDK-shaped call; resolves to the response body, rejects with the client's error. */
  call(action: string, method: string, pathname: string, options?: { query?: Record<string, unknown>; body?: unknown; signing?: Signing }): Promise<any>;
  /** pop-core's ROAClient (acs HMAC-SHA1). */
  readonly pop: any;
  close(): Promise<void>;
}

export async function startEasServer(extraEnv: Record<string, string> = {}): Promise<EasTestServer> {
  const dataDir = tempDataDir();
  const s = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn", ...extraEnv });
  const port = Number(new URL(s.server.url).port);
  return {
    s,
    port,
    pop: new ROAClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion: "2021-07-01", accessKeyId: AK, accessKeySecret: SECRET }),
    call: easCaller(port),
    async close() {
      await s.server.close();
      removeDir(dataDir);
    },
  };
}

/** SDK-shaped calls (openapi-client ROA, the root key) to a nestbox on this host's `port`. */
export function easCaller(port: number): EasTestServer["call"] {
  const client = (signing: Signing) =>
    new OpenApi.default(
      new OpenApi.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: REGION, ...(signing === "v2" ? { signatureAlgorithm: "v2" } : {}) }),
    );
  const clients = { acs3: client("acs3"), v2: client("v2") };
  return async (action, method, pathname, options = {}) => {
    const request = new OpenApi.OpenApiRequest({
      ...(options.query ? { query: OpenApiUtil.query(options.query) } : {}),
      // The SDK sends pre-built spec strings verbatim and keyed bodies as a map.
      ...(options.body !== undefined ? { body: typeof options.body === "string" ? options.body : OpenApiUtil.parseToMap(options.body) } : {}),
    });
    const params = new OpenApi.Params({ action, version: "2021-07-01", protocol: "HTTPS", pathname, method, authType: "AK", style: "ROA", reqBodyType: "json", bodyType: "json" });
    const response = await clients[options.signing ?? "acs3"].callApi(params, request, new Util.RuntimeOptions({}));
    return response.body;
  };
}

/** The service path of A.2 (`SC`), encoded as the SDK encodes it. */
export const servicePath = (name: string, suffix = "", region = REGION) => `/api/v2/services/${encodeURIComponent(region)}/${encodeURIComponent(name)}${suffix}`;

/** A spec in the console's newer form: metadata.name, one container running the echo server. */
export function echoSpec(name: string, instances: number, extra: { env?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    metadata: { name, instance: instances, cpu: 2, memory: 2000 },
    containers: [
      {
        script: `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(ECHO_SERVER)}`,
        port: 8000,
        env: Object.entries(extra.env ?? {}).map(([k, v]) => ({ name: k, value: v })),
      },
    ],
  };
}

/** Polls `read` until `done` holds (or fails after `timeoutMs` with the last value). */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
