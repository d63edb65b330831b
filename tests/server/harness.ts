import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadConfig, type ServerConfig } from "../../src/server/config.ts";
import { killReplicas } from "../support/serve-process.ts";
import { startServer, type RunningServer, type StartOptions } from "../../src/server/start-server.ts";

export interface TestServer {
  readonly server: RunningServer;
  readonly config: ServerConfig;
  /** Every log line written so far (JSON text). */
  readonly logs: string[];
}

export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), "nestbox-server-"));
/**
 * Removes a test's data directory, and first the replica processes its local driver started
 * (they outlive nestbox by design, so a test that does not delete its instances would leave them).
 */
export const removeDir = (dir: string): void => {
  killReplicas(dir);
  rmSync(dir, { recursive: true, force: true });
};

/** The environment of a test server: its own data directory, a free port, SQLite. */
export function testEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { NESTBOX_DATA_DIR: dataDir, NESTBOX_PORT: "0", NESTBOX_HOST: "127.0.0.1", NESTBOX_LOG_LEVEL: "debug", ...extra };
}

/** Starts a server in this process on `dataDir`, capturing its log lines. */
export async function startTestServer(
  dataDir: string,
  extraEnv: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split("\n").filter((l) => l !== ""));
      done();
    },
  });
  const config = loadConfig(testEnv(dataDir, extraEnv), {}, dataDir);
  const server = await startServer(config, { logDestination: sink, defaultMetrics: false, ...options });
  return { server, config, logs };
}

/** CLI-side credentials for the server's operator key (read from its credentials.json). */
export async function operatorCredentials(server: RunningServer): Promise<import("../../src/cli/credentials.ts").CliCredentials> {
  const { loadCliCredentials } = await import("../../src/cli/credentials.ts");
  return loadCliCredentials({ credentials: server.credentialsFile }, {}, server.dataDir);
}
