import { resolve } from "node:path";
import { DEFAULT_REGIONS } from "../core/regions.ts";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export type ReviewMode = "auto" | "manual";

/** Everything `startServer` needs, already validated. */
export interface ServerConfig {
  readonly host: string;
  /** 0 lets the OS pick a free port (tests). */
  readonly port: number;
  /** Absolute path; holds the lock, the embedded database, the master key and credentials.json. */
  readonly dataDir: string;
  /** PostgreSQL URL; undefined = embedded SQLite in the data directory. */
  readonly databaseUrl?: string;
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  /** Master key for secrets at rest; undefined = generated once into the data directory. */
  readonly masterKey?: string;
  readonly rootAccessKeyId?: string;
  readonly rootAccessKeySecret?: string;
  readonly logLevel: LogLevel;
  /** auto: service registrations are approved at once; manual: an operator approves them. */
  readonly reviewMode: ReviewMode;
}

/** Command-line flags of `nestbox serve`; they win over the environment. */
export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly dataDir?: string;
}

/** A configuration value nestbox cannot start with; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8800;
export const DEFAULT_DATA_DIR = ".nestbox";

const LOG_LEVELS: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const REVIEW_MODES: readonly ReviewMode[] = ["auto", "manual"];
const REGION_ID = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Builds the configuration from flags and environment (NESTBOX_*). Pure: reads nothing but its
 * arguments, so `cwd` resolves a relative data directory. Throws ConfigError on a bad value.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ServeFlags = {},
  cwd: string = process.cwd(),
): ServerConfig {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const port = parsePort(flags.port ?? value("NESTBOX_PORT"), flags.port !== undefined ? "--port" : "NESTBOX_PORT");
  const host = flags.host?.trim() || value("NESTBOX_HOST") || DEFAULT_HOST;
  const dataDir = resolve(cwd, flags.dataDir?.trim() || value("NESTBOX_DATA_DIR") || DEFAULT_DATA_DIR);

  const databaseUrl = value("NESTBOX_DATABASE_URL");
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("NESTBOX_DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database).");
  }

  const regions = parseRegions(value("NESTBOX_REGIONS"));
  const defaultRegion = value("NESTBOX_DEFAULT_REGION") ?? regions[0]!;
  if (!regions.includes(defaultRegion)) {
    throw new ConfigError(
      `NESTBOX_DEFAULT_REGION ${defaultRegion} is not one of the configured regions (${regions.join(", ")}).`,
    );
  }

  const rootAccessKeyId = value("NESTBOX_ROOT_ACCESS_KEY_ID");
  const rootAccessKeySecret = value("NESTBOX_ROOT_ACCESS_KEY_SECRET");
  if ((rootAccessKeyId === undefined) !== (rootAccessKeySecret === undefined)) {
    throw new ConfigError("Set both NESTBOX_ROOT_ACCESS_KEY_ID and NESTBOX_ROOT_ACCESS_KEY_SECRET, or neither.");
  }

  const logLevel = (value("NESTBOX_LOG_LEVEL") ?? "info").toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`NESTBOX_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}.`);
  }
  const reviewMode = (value("NESTBOX_REVIEW_MODE") ?? "auto").toLowerCase() as ReviewMode;
  if (!REVIEW_MODES.includes(reviewMode)) {
    throw new ConfigError(`NESTBOX_REVIEW_MODE must be auto or manual.`);
  }

  return {
    host,
    port,
    dataDir,
    databaseUrl,
    regions,
    defaultRegion,
    masterKey: value("NESTBOX_MASTER_KEY"),
    rootAccessKeyId,
    rootAccessKeySecret,
    logLevel,
    reviewMode,
  };
}

function parsePort(raw: string | undefined, source: string): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_PORT;
  const text = raw.trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError(`${source} must be a port number between 0 and 65535, got "${raw}".`);
  }
  return port;
}

function parseRegions(raw: string | undefined): string[] {
  if (raw === undefined) return [...DEFAULT_REGIONS];
  const regions = [...new Set(raw.split(",").map((r) => r.trim()).filter((r) => r !== ""))];
  if (regions.length === 0) throw new ConfigError("NESTBOX_REGIONS must name at least one region.");
  const bad = regions.find((r) => !REGION_ID.test(r));
  if (bad !== undefined) throw new ConfigError(`NESTBOX_REGIONS has an invalid region id "${bad}".`);
  return regions;
}

/** The URL clients use to reach a server listening on host:port (a wildcard host means loopback). */
export function endpointUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  const bracketed = reachable.includes(":") ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}`;
}
