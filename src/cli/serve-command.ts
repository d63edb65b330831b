import type { Command } from "commander";
import { CliError } from "./cli-error.ts";
import type { CliIo } from "./output.ts";

const SHUTDOWN_GRACE_MS = 15_000;

/**
 * `nestbox serve`: starts the server and stops it cleanly on SIGTERM/SIGINT (stop accepting,
 * finish in-flight requests, close the store, release the data directory lock). A second signal,
 * or a shutdown slower than 15 s, exits at once.
 */
export function addServeCommand(program: Command, io: CliIo): void {
  program
    .command("serve")
    .description("Run the nestbox server (configuration from flags and NESTBOX_* variables).")
    .option("--port <port>", "port to listen on (NESTBOX_PORT, default 8800)")
    .option("--host <host>", "address to listen on (NESTBOX_HOST, default 127.0.0.1)")
    .option("--data-dir <dir>", "data directory (NESTBOX_DATA_DIR, default ./.nestbox)")
    .action(async (opts: { port?: string; host?: string; dataDir?: string }) => {
      // Loaded here so the client commands do not pay for the server's modules.
      const { loadConfig, ConfigError } = await import("../server/config.ts");
      const { startServer, StartupError } = await import("../server/start-server.ts");
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer(loadConfig(io.env, opts, io.cwd));
      } catch (e) {
        if (e instanceof ConfigError || e instanceof StartupError) throw new CliError(e.message);
        throw e;
      }
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          io.stderr(`nestbox: received ${signal} again, exiting now\n`);
          process.exit(1);
        }
        stopping = true;
        const force = setTimeout(() => {
          io.stderr(`nestbox: shutdown took longer than ${SHUTDOWN_GRACE_MS / 1000} s, exiting\n`);
          process.exit(1);
        }, SHUTDOWN_GRACE_MS);
        force.unref();
        server.close().then(
          () => {
            // Let pending log writes drain and exit on an empty event loop; exit anyway soon after.
            process.exitCode = 0;
            setTimeout(() => process.exit(0), 1000).unref();
          },
          (e: unknown) => {
            io.stderr(`nestbox: shutdown failed: ${(e as Error).message}\n`);
            process.exit(1);
          },
        );
      };
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    });
}
