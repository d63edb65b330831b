import { fileURLToPath } from "node:url";
import type { CliIo } from "../../src/cli/output.ts";
import { runCli } from "../../src/cli/program.ts";

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
