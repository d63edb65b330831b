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
  cachePreparedStatements(database);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: "sqlite",
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query anew; on hot point reads preparing costs more than running. The
 * SQL text of our queries is a small fixed set (values are bound), so statements are kept and
 * reused. better-sqlite3 runs statements synchronously, so a cached one is never busy when reused.
 */
function cachePreparedStatements(database: Database.Database, max = 1000): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, Database.Statement>();
  (database as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  };
}
