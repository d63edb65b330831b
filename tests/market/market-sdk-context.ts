// A running nestbox with examples/market-product published, and the official Alibaba clients
// pointed at it: the typed Market SDK (ACS3 or v2), pop-core, and openapi-client for raw bodies.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { publishProductFolder } from "../../src/cli/market-commands.ts";
import { NativeClient } from "../../src/cli/native-client.ts";
import { RpcClient } from "../../src/cli/rpc-client.ts";
import { operatorCredentials, removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";

const require = createRequire(import.meta.url);
export const Market = require("@alicloud/market20151101");
const { $OpenApiUtil } = require("@alicloud/openapi-core");
const { RPCClient } = require("@alicloud/pop-core");
const OpenApi = require("@alicloud/openapi-client");
const OpenApiUtil = require("@alicloud/openapi-util").default;
const Util = require("@alicloud/tea-util");

export const AK = "LTAImarkettest00000000000";
export const SECRET = "markettestsecret00000000000000";
export const PRODUCT = "cmjj00hello";
export const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

export interface MarketSdkContext {
  readonly server: TestServer;
  readonly port: number;
  /** The typed client; v2 signs with RPC V1 (HMAC-SHA1) instead of ACS3. */
  market(v2?: boolean): any;
  /** pop-core RPCClient for a product version (GET by default). */
  pop(apiVersion: string): any;
  /** The raw JSON body of an RPC call through openapi-client (ACS3), whatever the model says. */
  raw(action: string, version: string, query: Record<string, unknown>): Promise<Record<string, any>>;
  /** The CLI's own RPC client (ACS3). */
  rpc: RpcClient;
  /** The CLI's client of nestbox's own API (/nestbox/v1): market publish, pay, usage. */
  native: NativeClient;
  close(): Promise<void>;
}

export async function startMarketContext(): Promise<MarketSdkContext> {
  const dataDir = tempDataDir();
  const server = await startTestServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET, NESTBOX_LOG_LEVEL: "warn" });
  const port = Number(new URL(server.server.url).port);
  const credentials = await operatorCredentials(server.server);
  const rpc = new RpcClient(credentials);
  const native = new NativeClient(credentials);
  const config = (v2: boolean) =>
    new $OpenApiUtil.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou", ...(v2 ? { signatureAlgorithm: "v2" } : {}) });
  const tea = new OpenApi.default(new OpenApi.Config({ accessKeyId: AK, accessKeySecret: SECRET, endpoint: `127.0.0.1:${port}`, protocol: "http", regionId: "cn-hangzhou" }));
  return {
    server,
    port,
    rpc,
    native,
    market: (v2 = false) => new Market.default(config(v2)),
    pop: (apiVersion) => new RPCClient({ endpoint: `http://127.0.0.1:${port}`, apiVersion, accessKeyId: AK, accessKeySecret: SECRET }),
    async raw(action, version, query) {
      const params = new OpenApi.Params({ action, version, protocol: "HTTP", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" });
      return (await tea.callApi(params, new OpenApi.OpenApiRequest({ query: OpenApiUtil.query(query) }), new Util.RuntimeOptions({}))).body;
    },
    async close() {
      await server.server.close();
      removeDir(dataDir);
    },
  };
}

/** Publishes examples/market-product (and examples/hello-web with it) the way `nestbox market publish` does. */
export async function publishExampleProduct(ctx: MarketSdkContext) {
  return publishProductFolder(ctx, EXAMPLES, "market-product", "cn-hangzhou");
}

export const commodity = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ productCode: PRODUCT, skuCode: `${PRODUCT}-prepay`, duration: 1, pricingCycle: "Month", components: { package_version: "yuncode0001" }, quantity: 1, properties: {}, ...extra });

/** pop-core parses JSON with json-bigint: large numbers arrive as BigNumber objects. */
export function fromBigNumbers(v: any): any {
  if (v && typeof v === "object" && (v._isBigNumber || v.isBigNumber === true || v.constructor?.name === "BigNumber")) return Number(v.toString());
  if (Array.isArray(v)) return v.map(fromBigNumbers);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromBigNumbers(x)]));
  return v;
}

/** Polls `read` until `done` holds (no fixed sleeps in assertions: a deadline, then a clear failure). */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
