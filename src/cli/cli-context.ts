import type { Command } from "commander";
import { CliError } from "./cli-error.ts";
import { loadCliCredentials, type CliCredentials } from "./credentials.ts";
import { NativeClient } from "./native-client.ts";
import type { CliIo, OutputFormat } from "./output.ts";
import { RpcClient } from "./rpc-client.ts";

/** What a command needs: where to print, how, and clients built lazily from the credentials. */
export interface CliContext {
  readonly io: CliIo;
  readonly output: OutputFormat;
  /** Region for catalog calls: --region, NESTBOX_DEFAULT_REGION, else cn-hangzhou. */
  region(explicit?: string): string;
  credentials(): CliCredentials;
  native(): NativeClient;
  rpc(): RpcClient;
}

interface GlobalOptions {
  credentials?: string;
  endpoint?: string;
  output?: string;
}

export function cliContext(io: CliIo, cmd: Command): CliContext {
  const globals = cmd.optsWithGlobals<GlobalOptions>();
  const output = (globals.output ?? "table") as OutputFormat;
  if (output !== "json" && output !== "table") throw new CliError(`--output must be json or table, got "${globals.output}".`);
  let credentials: CliCredentials | undefined;
  const loadCredentials = () =>
    (credentials ??= loadCliCredentials({ credentials: globals.credentials, endpoint: globals.endpoint }, io.env, io.cwd));
  return {
    io,
    output,
    region: (explicit) => explicit || io.env.NESTBOX_DEFAULT_REGION?.trim() || "cn-hangzhou",
    credentials: loadCredentials,
    native: () => new NativeClient(loadCredentials()),
    rpc: () => new RpcClient(loadCredentials()),
  };
}
