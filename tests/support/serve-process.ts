// `nestbox serve` as a real child process, and the replica processes a data directory's local
// driver started, for the tests that kill and restart processes.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TEST_AK = "LTAIcrashtest0000000000";
export const TEST_SECRET = "crashtestsecret0000000000000";

/**
 * A port for a test server, below Linux's ephemeral range (32768+): replica ports (the OS picks
 * them) and client sockets come from that range and could take a test server's port between a
 * kill and its restart on the same port.
 */
export const randomPort = (): number => 20000 + Math.floor(Math.random() * 12000);

/** Starts `nestbox serve` on `dataDir` and resolves once /healthz answers. */
export function serve(dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [`${ROOT}/bin/nestbox.mjs`, "serve"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NESTBOX_DATA_DIR: dataDir,
      NESTBOX_PORT: String(port),
      NESTBOX_ROOT_ACCESS_KEY_ID: TEST_AK,
      NESTBOX_ROOT_ACCESS_KEY_SECRET: TEST_SECRET,
      NESTBOX_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c) => (stderr = (stderr + String(c)).slice(-2000)));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const probe = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return resolve(child);
      } catch {
        /* not listening yet */
      }
      if (child.exitCode !== null || Date.now() > deadline) return reject(new Error(`nestbox did not start (exit ${child.exitCode}): ${stderr}`));
      setTimeout(probe, 100);
    };
    probe();
  });
}

/** Sends SIGTERM and waits for the exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** Replica processes of this data directory, found by the marker the local driver sets. */
export function replicaPids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, "latin1");
      if (environ.includes(`NESTBOX_RUNTIME=${dataDir}/runtime/`)) pids.push(Number(entry));
    } catch {
      /* gone or not ours */
    }
  }
  return pids;
}

/** Kills what a test left running of a data directory's replicas. */
export function killReplicas(dataDir: string): void {
  for (const pid of replicaPids(dataDir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}
