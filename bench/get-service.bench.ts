/**
 * Benchmark: signed Compute Nest GetService (user side, 2021-06-01, ACS3) against a baseline
 * route that answers the same bytes with no work, on one server process with the embedded store.
 * Every request carries its own nonce; all requests are signed before the load starts, so the
 * client's HMAC work is not part of the measurement.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { processCpuMicros, startBenchServer } from "./bench-server-process.ts";
import autocannon, { type AutocannonRequest, type Result } from "autocannon";
import { signAcs3 } from "../src/cli/acs3-signer.ts";
import type { CliCredentials } from "../src/cli/credentials.ts";
import { sendRequest } from "../src/cli/http-request.ts";
import { COMPUTE_NEST, RpcClient } from "../src/cli/rpc-client.ts";
import { publishService } from "../src/cli/service-publish.ts";

export interface BenchOptions {
  /** Seconds of measured load per target. */
  readonly durationSeconds: number;
  /** Seconds of unmeasured load first (JIT, caches). */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Largest pool of unique pre-signed GetService requests (sized from the warm-up rate below this). */
  readonly maxRequests: number;
}

export interface TargetFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Server process CPU time (user + system) per completed request, from /proc; undefined elsewhere. */
  readonly serverCpuUsPerRequest?: number;
}

export interface GetServiceBenchReport {
  readonly options: BenchOptions;
  readonly getService: TargetFigures;
  readonly baseline: TargetFigures;
  /** getService rate / baseline rate. */
  readonly ratio: number;
  readonly responseBytes: number;
}

const WARMUP_POOL = 30_000;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const REGION = "cn-hangzhou";
const ACCESS_KEY_ID = "LTAIbenchmarkoperator01";
const ACCESS_KEY_SECRET = "benchmarkSecretNotForProduction01";

export async function runGetServiceBench(options: BenchOptions): Promise<GetServiceBenchReport> {
  const dataDir = mkdtempSync(join(tmpdir(), "nestbox-bench-"));
  const { child, url } = await startServerProcess(dataDir);
  try {
    const credentials: CliCredentials = {
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      endpoint: new URL(url),
      source: "benchmark",
    };
    const published = await publishService(new RpcClient(credentials), ROOT, "examples/hello-web", REGION);
    const query = { RegionId: REGION, ServiceId: published.ServiceId };

    // One real answer: its bytes become the baseline's answer.
    const probe = signGetService(credentials, query);
    const answer = await sendRequest(credentials.endpoint, "POST", probe.pathAndQuery, probe.headers, Buffer.alloc(0));
    if (answer.status !== 200) throw new Error(`GetService answered HTTP ${answer.status}: ${answer.body}`);
    await setBaseline(child, answer.body, String(answer.headers["content-type"] ?? "application/json"));

    // Warm-up first (JIT, caches); its rate sizes the pool of unique pre-signed GetService requests.
    const warmRate = figures(
      await load(url, pool(credentials, query, WARMUP_POOL, (p) => p, "once"), options.connections, options.warmupSeconds || 1),
    ).requestsPerSecond;
    const size = Math.min(options.maxRequests, Math.ceil(warmRate * options.durationSeconds * 2) + 10_000);
    const getService = await measured(child, () => load(url, pool(credentials, query, size, (p) => p, "once"), options.connections, options.durationSeconds));
    // The baseline never checks nonces, so it may cycle through its pool of the same requests.
    const baselinePool = () => pool(credentials, query, WARMUP_POOL, (p) => "/__bench/baseline" + p.slice(1), "cycle");
    if (options.warmupSeconds > 0) await load(url, baselinePool(), options.connections, options.warmupSeconds);
    const baseline = await measured(child, () => load(url, baselinePool(), options.connections, options.durationSeconds));
    return {
      options,
      getService,
      baseline,
      ratio: getService.requestsPerSecond / baseline.requestsPerSecond,
      responseBytes: Buffer.byteLength(answer.body),
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function signGetService(credentials: CliCredentials, query: Record<string, string>) {
  return signAcs3(
    {
      method: "POST",
      host: credentials.endpoint.host,
      path: "/",
      query,
      headers: { "x-acs-action": "GetService", "x-acs-version": COMPUTE_NEST.version, "x-acs-credentials-provider": "static_ak" },
    },
    credentials,
  );
}

/**
 * `size` requests, each signed with its own nonce. "once": each is handed out once across all
 * connections (the run stops when they are used up); "cycle": they are reused in turn.
 */
function pool(
  credentials: CliCredentials,
  query: Record<string, string>,
  size: number,
  path: (signedPath: string) => string,
  mode: "once" | "cycle",
): { requests: AutocannonRequest[]; limit?: number } {
  const signed: { path: string; headers: Record<string, string> }[] = [];
  for (let i = 0; i < size; i++) {
    const s = signGetService(credentials, query);
    signed.push({ path: path(s.pathAndQuery), headers: { ...s.headers, "content-length": "0" } });
  }
  let next = 0;
  const setupRequest = (request: AutocannonRequest): AutocannonRequest => {
    const one = signed[mode === "cycle" ? next++ % size : next++] ?? signed[size - 1]!;
    return { ...request, method: "POST", path: one.path, headers: one.headers };
  };
  // Each connection builds one request ahead of what it sends; keep a margin so none is reused.
  return { requests: [{ setupRequest }], limit: mode === "once" ? size - 64 : undefined };
}

function load(url: string, p: { requests: AutocannonRequest[]; limit?: number }, connections: number, seconds: number): Promise<Result> {
  // maxOverallRequests ends the run early rather than reuse a nonce; the rate divides by the real duration.
  return autocannon({
    url,
    connections,
    pipelining: 1,
    duration: seconds,
    maxOverallRequests: p.limit,
    requests: p.requests,
    timeout: 10,
  });
}

/** One measured load, with the server process's CPU time per request. */
async function measured(child: ChildProcess, run: () => Promise<Result>): Promise<TargetFigures> {
  const before = processCpuMicros(child.pid);
  const result = figures(await run());
  const after = processCpuMicros(child.pid);
  if (before === undefined || after === undefined || result.requests === 0) return result;
  return { ...result, serverCpuUsPerRequest: Math.round((after - before) / result.requests) };
}

function figures(r: Result): TargetFigures {
  const completed = r.requests.total;
  return {
    requestsPerSecond: completed / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: completed,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return startBenchServer(dataDir, {
    NESTBOX_REGIONS: REGION,
    NESTBOX_DEFAULT_REGION: REGION,
    NESTBOX_REVIEW_MODE: "auto",
    NESTBOX_ROOT_ACCESS_KEY_ID: ACCESS_KEY_ID,
    NESTBOX_ROOT_ACCESS_KEY_SECRET: ACCESS_KEY_SECRET,
  });
}

function setBaseline(child: ChildProcess, body: string, contentType: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string }) => {
      if (m.type !== "baseline-set") return;
      child.off("message", onMessage);
      resolve();
    };
    child.on("message", onMessage);
    child.send({ type: "baseline", body, contentType });
  });
}
