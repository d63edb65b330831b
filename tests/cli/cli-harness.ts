import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../../src/cli/output.ts";
import { runCli } from "../../src/cli/program.ts";
import { removeDir, startTestServer, tempDataDir, type TestServer } from "../server/harness.ts";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = any>(): T;
}

/** Runs one `nestbox` command line in this process, as a user in the repository root would. */
export async function nestbox(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd: REPO_ROOT };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** A test server of its own for a CLI suite, started before its tests and removed after them. */
export interface CliServer {
  readonly dataDir: string;
  readonly running: TestServer;
  /** The CLI's environment: the server's data directory (credentials.json). */
  readonly env: Record<string, string>;
}

/** Registers before/after hooks in the current suite; read the fields inside tests only. */
export function cliServer(): CliServer {
  const state = {} as { dataDir: string; running: TestServer; env: Record<string, string> };
  before(async () => {
    state.dataDir = tempDataDir();
    state.running = await startTestServer(state.dataDir, { NESTBOX_LOG_LEVEL: "warn" });
    state.env = { NESTBOX_DATA_DIR: state.dataDir };
  });
  after(async () => {
    await state.running?.server.close();
    if (state.dataDir) removeDir(state.dataDir);
  });
  return state;
}
