// `npm run bench`: runs the benchmarks and records the figures in docs/benchmarks.md.
// Options: --duration <s> (default 10), --warmup <s> (default 2), --connections <n> (default 4),
// --max-requests <n> (default 400000), --no-write (print only).
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runGetServiceBench, type GetServiceBenchReport, type TargetFigures } from "./get-service.bench.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "4" },
    "max-requests": { type: "string", default: "400000" },
    "no-write": { type: "boolean", default: false },
  },
});

const GOAL = 0.5;
const report = await runGetServiceBench({
  durationSeconds: Number(values.duration),
  warmupSeconds: Number(values.warmup),
  connections: Number(values.connections),
  maxRequests: Number(values["max-requests"]),
});

const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model.trim() ?? "unknown",
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const section = render(report, machine, new Date());
process.stdout.write(section.split("### How to reproduce")[0]!);
if (!values["no-write"]) {
  const file = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url));
  writeFileSync(file, replaceSection(readFileSync(file, "utf8"), section));
  process.stdout.write("Wrote the GetService section of docs/benchmarks.md\n");
}

/** The file with its GetService section (between the markers) replaced; the other benchmarks' sections stay. */
function replaceSection(file: string, body: string): string {
  const start = "<!-- get-service:start -->";
  const end = "<!-- get-service:end -->";
  const a = file.indexOf(start);
  const b = file.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/benchmarks.md has no ${start} ... ${end} markers`);
  return `${file.slice(0, a + start.length)}\n${body}${file.slice(b)}`;
}
const failed = report.getService.non2xx + report.getService.errors + report.baseline.non2xx + report.baseline.errors;
if (failed > 0) {
  process.stderr.write(`${failed} requests failed; the figures are not valid.\n`);
  process.exitCode = 1;
}

function row(name: string, f: TargetFigures): string {
  const cpu = f.serverCpuUsPerRequest === undefined ? "n/a" : String(f.serverCpuUsPerRequest);
  return `| ${name} | ${Math.round(f.requestsPerSecond).toLocaleString("en-US")} | ${f.p50Ms} | ${f.p99Ms} | ${cpu} | ${f.requests.toLocaleString("en-US")} | ${f.non2xx + f.errors} |`;
}

function render(r: GetServiceBenchReport, m: typeof machine, at: Date): string {
  const verdict = r.ratio >= GOAL ? "meets" : "misses";
  return `## GetService (Compute Nest 2021-06-01, ACS3-signed) vs. baseline

\`npm run bench\` (bench/run.ts) starts a nestbox server in a child process on the embedded SQLite
store, publishes examples/hello-web, and loads it with autocannon from the parent process.

Run at ${at.toISOString().replace(/\.\d+Z$/, "Z")}: ${m.cpus} CPUs (${m.model}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}.
${r.options.connections} connections, no pipelining, ${r.options.warmupSeconds} s warm-up then ${r.options.durationSeconds} s measured per target, server log level \`warn\`.

| Target | Requests/s | p50 latency (ms) | p99 latency (ms) | Server CPU per request (µs) | Requests | Failed |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${row("GetService (signed)", r.getService)}
${row("Baseline (same bytes, no work)", r.baseline)}

GetService runs at **${(r.ratio * 100).toFixed(1)}%** of the baseline rate; the goal is at least ${GOAL * 100}%, so this run ${verdict} it.
The answer is ${r.responseBytes} bytes.

- **GetService**: \`POST /?RegionId=..&ServiceId=..\` with \`x-acs-action: GetService\`, \`x-acs-version: 2021-06-01\`, an
  ACS3-HMAC-SHA256 \`Authorization\` and a unique \`x-acs-signature-nonce\` per request: the full path of a
  request from the official SDK (parse, timestamp and nonce checks, key lookup, signature, authorization,
  catalog read (the embedded store serves catalog point reads from memory), JSON answer, metrics).
- **Baseline**: \`/__bench/baseline\`, a route that only exists in the benchmark server; it gets the same
  pre-signed requests and answers the same bytes without looking at them. It measures HTTP and Fastify
  alone, so the ratio is nestbox's own cost per request.
- Every request is signed before the load starts, so the client's signing does not count against the
  server. GetService requests are each used once (the pool is sized from the warm-up rate, at most
  ${r.options.maxRequests.toLocaleString("en-US")}); the baseline, which checks nothing, cycles through a pool of the same requests.
  Client and server share the machine's cores.
- **Server CPU per request**: the server process's user + system CPU time (Linux \`/proc/<pid>/stat\`)
  over the measured seconds, divided by the requests answered. It shows where the time goes when
  the rate is bounded by the client sharing the cores.

### How to reproduce

\`\`\`sh
npm install
npm run bench                          # rewrites this section only
npm run bench -- --duration 30 --connections 8 --no-write
\`\`\`
`;
}
