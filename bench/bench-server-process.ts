// Starts bench/bench-server.ts in a child process (so the load generator does not share its
// event loop) on `dataDir` with the embedded store, and waits for its URL.
// NESTBOX_BENCH_PROF=dir adds `--cpu-prof` to the server.
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export async function startBenchServer(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(join(ROOT, "bench/bench-server.ts"), [], {
    execArgv: ["--import", "tsx", ...(process.env.NESTBOX_BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.NESTBOX_BENCH_PROF}`] : [])],
    env: {
      ...process.env,
      NESTBOX_DATA_DIR: dataDir,
      NESTBOX_HOST: "127.0.0.1",
      NESTBOX_PORT: "0",
      NESTBOX_DATABASE_URL: "",
      NESTBOX_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.on("message", (m: { type?: string; url?: string }) => m.type === "ready" && resolve(m.url!));
    child.once("exit", (code) => reject(new Error(`The benchmark server exited with code ${code} before it was ready.`)));
  });
  return { child, url };
}

/** User + system CPU time of a process in µs (Linux /proc, in clock ticks of 10 ms); undefined elsewhere. */
export function processCpuMicros(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}
