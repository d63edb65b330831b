import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { DB } from "../schema.ts";
import type { OpenDatabase } from "./dialect.ts";

/**
 * Embedded default. WAL with synchronous=FULL: a commit is on disk before we reply, and readers
 * never block the writer. busy_timeout covers the CLI's short read-only opens.
 */
export function openSqlite(file: string): OpenDatabase {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: "sqlite",
    close: () => db.destroy(),
  };
}
