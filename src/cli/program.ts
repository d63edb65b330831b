import { Command, CommanderError, Option } from "commander";
import { addAccountCommands } from "./account-commands.ts";
import { addIamCommands } from "./iam-commands.ts";
import { cliContext } from "./cli-context.ts";
import { CliError } from "./cli-error.ts";
import { processIo, type CliIo } from "./output.ts";
import { addServeCommand } from "./serve-command.ts";
import { addInstanceCommands } from "./instance-commands.ts";
import { addProductCommands } from "./product-commands.ts";
import { addServiceCommands } from "./service-commands.ts";
import { addEasCommands } from "./eas-commands.ts";
import { addMarketCommands } from "./market-commands.ts";
import { addServiceStageCommands } from "./servicestage-commands.ts";

/** The `nestbox` command tree, writing to `io`. */
export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command("nestbox")
    .description("Self-hosted control plane for service instances (Compute Nest compatible).")
    .option("--credentials <file>", "credentials file (default: <NESTBOX_DATA_DIR or ./.nestbox>/credentials.json)")
    .option("--endpoint <url>", "server URL (default: the endpoint in the credentials file)")
    .addOption(new Option("--output <format>", "output format").choices(["table", "json"]).default("table"))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  addServeCommand(program, io);
  const context = (cmd: Command) => cliContext(io, cmd);
  addAccountCommands(program, context);
  addIamCommands(program, context);
  addServiceCommands(program, context);
  addInstanceCommands(program, context);
  addEasCommands(program, context);
  addMarketCommands(program, context);
  addProductCommands(program, context);
  addServiceStageCommands(program, context);
  // Sub-commands inherit exitOverride and output settings (commander copies them at creation).
  for (const cmd of allCommands(program)) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/**
 * Runs one command line (without `node` and the script) and resolves to the exit code. Known
 * failures print `nestbox: <message>` and give 1; a server left running by `serve` keeps the
 * process alive after this resolves.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return e.exitCode;
    }
    if (e instanceof CliError) {
      io.stderr(`nestbox: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`nestbox: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}
