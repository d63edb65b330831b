import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { OpenDatabase } from "./dialects/dialect.ts";
import { openPostgres } from "./dialects/postgres.ts";
import { openSqlite } from "./dialects/sqlite.ts";
import { migrateToLatest } from "./migrations/index.ts";

export const EMBEDDED_DATABASE_FILE_NAME = "nestbox.db";

export interface OpenStoreOptions {
  /** Data directory; created (0700) if missing. Holds the embedded database unless databaseUrl is set. */
  readonly dataDir: string;
  /** postgres://… to share one store between processes; undefined = SQLite at <dataDir>/nestbox.db. */
  readonly databaseUrl?: string;
}

/**
 * Opens the store and brings its schema to the latest migration. Several processes may open one
 * PostgreSQL store at once: the migrator takes a lock so each migration runs once. On a failed
 * migration the connections are closed and the error names the migration.
 */
export async function openStore(options: OpenStoreOptions): Promise<OpenDatabase> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const open =
    options.databaseUrl !== undefined
      ? openPostgres(options.databaseUrl)
      : openSqlite(join(options.dataDir, EMBEDDED_DATABASE_FILE_NAME));
  try {
    await migrateToLatest(open.db, open.dialect);
  } catch (e) {
    await open.close().catch(() => undefined);
    throw e;
  }
  return open;
}
