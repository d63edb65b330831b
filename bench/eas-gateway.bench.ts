// The EAS invocation gateway's overhead: requests per second and latency of POST
// /api/predict/{name} to a one-instance echo service (tests/eas/fixtures/echo-server.mjs),
// against the same load sent straight to that instance, in one run. nestbox runs in its own
// process (bench/bench-server.ts) so autocannon does not share its event loop.
// `node --import tsx bench/eas-gateway.bench.ts [--duration 10] [--connections 8]`;
// NESTBOX_BENCH_PROF=dir writes a CPU profile of the server (node --cpu-prof).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { processCpuMicros, startBenchServer } from "./bench-server-process.ts";
import autocannon, { type Result } from "autocannon";
import { removeDir } from "../tests/server/harness.ts";
import { AK, easCaller, echoSpec, SECRET, servicePath, waitFor } from "../tests/eas/eas-harness.ts";

const { values } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "8" } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const NAME = "bench_echo";
const REGION = "cn-hangzhou";

async function startServerProcess(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const { child, url } = await startBenchServer(dataDir, { NESTBOX_ROOT_ACCESS_KEY_ID: AK, NESTBOX_ROOT_ACCESS_KEY_SECRET: SECRET });
  return { child, port: Number(new URL(url).port) };
}

const line = (name: string, r: Result) =>
  `${name.padEnd(8)} ${Math.round(r.requests.total / r.duration)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors + r.timeouts}`;

const dataDir = mkdtempSync(join(tmpdir(), "nestbox-eas-bench-"));
const { child, port } = await startServerProcess(dataDir);
const call = easCaller(port);
const path = servicePath(NAME, "", REGION);
try {
  await call("CreateService", "POST", "/api/v2/services", { body: JSON.stringify(echoSpec(NAME, 1)) });
  const s = await waitFor(() => call("DescribeService", "GET", path), (x) => x.Status === "Running", 60_000, "Running");
  const [instance] = (await call("ListServiceInstances", "GET", `${path}/instances`)).Instances;
  const run = (base: string, target: string, headers: Record<string, string> = {}) =>
    autocannon({ url: base, connections, duration, requests: [{ method: "POST", path: target, headers: { "content-type": "application/json", ...headers }, body: "{}" }] });
  // Warm both paths (JIT, keep-alive pools) before measuring.
  await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration: 2, requests: [{ method: "POST", path: `/api/predict/${NAME}`, headers: { Authorization: s.AccessToken }, body: "{}" }] });
  const direct = await run(`http://127.0.0.1:${instance.InstancePort}`, "/");
  const cpuBefore = processCpuMicros(child.pid);
  const gateway = await run(`http://127.0.0.1:${port}`, `/api/predict/${NAME}`, { Authorization: s.AccessToken });
  const cpuAfter = processCpuMicros(child.pid);
  const ratio = gateway.requests.total / gateway.duration / (direct.requests.total / direct.duration);
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? `  nestbox CPU ${Math.round((cpuAfter - cpuBefore) / gateway.requests.total)} µs/request` : "";
  process.stdout.write(`${line("direct", direct)}\n${line("gateway", gateway)}${cpu}\ngateway/direct ${(ratio * 100).toFixed(1)}%\n`);
} finally {
  await call("DeleteService", "DELETE", path).catch(() => undefined);
  await waitFor(() => call("DescribeService", "GET", path).then(() => "exists", (e: { code?: string }) => e.code), (c) => c === "InvalidService.NotFound", 30_000, "deleted").catch(() => undefined);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  removeDir(dataDir);
}
