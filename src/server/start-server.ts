import { mkdirSync } from "node:fs";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { systemClock, type Clock } from "../core/shared/clock.ts";
import { newRequestId } from "../core/shared/ids.ts";
import { endpointUrl, type ServerConfig } from "./config.ts";
import { credentialsPath, writeCredentialsFile } from "./credentials-file.ts";
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from "./data-dir-lock.ts";
import { createLogger } from "./logger.ts";
import { PrometheusMetrics } from "./metrics.ts";
import { registerOpsRoutes } from "./ops-routes.ts";
import { isStartupProblem, wire, type Wired } from "./wiring.ts";

/** nestbox cannot start with this configuration or data directory; the message says why. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StartupError";
  }
}

export interface StartOptions {
  /** Where log lines go (tests capture them); default stdout. */
  readonly logDestination?: DestinationStream;
  /** Extra routes registered after the faces: the benchmark's baseline, test probes. */
  readonly routes?: (app: FastifyInstance) => void;
  readonly clock?: Clock;
  /** Node's default metrics (event loop, heap); default true. */
  readonly defaultMetrics?: boolean;
}

export interface RunningServer {
  /** http://host:port actually bound (port 0 resolved). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly credentialsFile: string;
  readonly operator: { readonly accountId: string; readonly accessKeyId: string; readonly created: boolean };
  /**
   * Graceful stop: refuse new connections, let in-flight requests finish, close the store,
   * release the data directory lock. Safe to call twice (the second waits for the first).
   */
  close(): Promise<void>;
}

/**
 * Starts one nestbox server in this process: lock the data directory, open and migrate the store,
 * bootstrap the operator (credentials.json), serve every face on one port.
 * Throws StartupError for problems an operator fixes (lock held, master key, port in use).
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  let lock: DataDirLock;
  try {
    lock = acquireDataDirLock(config.dataDir, clock.now());
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new StartupError(e.message, { cause: e });
    throw e;
  }

  const log = createLogger(config.logLevel, options.logDestination);
  const metrics = new PrometheusMetrics({ defaultMetrics: options.defaultMetrics });
  let wired: Wired | undefined;
  let app: FastifyInstance | undefined;
  try {
    wired = await wire(config, { log, clock, observer: metrics });
    const bootstrap = await wired.bootstrap();

    const server = Fastify({
      loggerInstance: log as FastifyBaseLogger,
      genReqId: () => newRequestId(),
      requestIdHeader: false,
      // Each face logs with its own RequestId; a redacting child logger per request costs more
      // than a point read, so requests share the server's logger unless debugging.
      ...(log.isLevelEnabled?.("info") ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
      logController: new LogController({ requestIdLogLabel: "requestId" }),
      return503OnClosing: true,
    });
    app = server;
    registerOpsRoutes(server, { ping: wired.ping, metrics });
    wired.registerFaces(server);
    options.routes?.(server);
    await server.listen({ host: config.host, port: config.port });

    const port = boundPort(server);
    const url = endpointUrl(config.host, port);
    const credentialsFile = credentialsPath(config.dataDir);
    writeCredentialsFile(config.dataDir, {
      accessKeyId: bootstrap.key.id,
      accessKeySecret: bootstrap.key.secret,
      accountId: bootstrap.account.id,
      endpoint: url,
    });
    log.info(
      { accountId: bootstrap.account.id, accessKeyId: bootstrap.key.id, credentialsFile, created: bootstrap.created },
      bootstrap.created ? "Created operator access key" : "Found operator access key",
    );
    log.info({ url, dataDir: config.dataDir, store: config.databaseUrl ? "postgres" : "sqlite" }, "Started nestbox");

    const store = wired;
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      dataDir: config.dataDir,
      credentialsFile,
      operator: { accountId: bootstrap.account.id, accessKeyId: bootstrap.key.id, created: bootstrap.created },
      close: () =>
        (closing ??= (async () => {
          log.info({}, "Stopping nestbox");
          try {
            await server.close();
            await store.close();
          } finally {
            lock.release();
            log.info({}, "Stopped nestbox");
            log.flush();
          }
        })()),
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await wired?.close().catch(() => undefined);
    lock.release();
    log.flush();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new StartupError(`Port ${config.port} on ${config.host} is already in use; set --port or NESTBOX_PORT.`, { cause: e });
    }
    if (code === "EACCES" && app !== undefined) {
      throw new StartupError(`Not allowed to listen on ${config.host}:${config.port}.`, { cause: e });
    }
    if (isStartupProblem(e)) throw new StartupError(`Cannot start: ${(e as Error).message}`, { cause: e });
    throw e;
  }
}

function boundPort(app: FastifyInstance): number {
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("The server is not listening on a TCP port.");
  return address.port;
}
