// The `nestbox` command (bin/nestbox.mjs loads this file through tsx).
import { runCli } from "./program.ts";

process.exitCode = await runCli(process.argv.slice(2));
