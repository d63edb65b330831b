import pg from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "../schema.ts";
import type { OpenDatabase } from "./dialect.ts";

// BIGINT (epoch ms) and COUNT(*) come back as strings by default; every value we keep fits in 2^53.
const INT8_OID = 20;

/**
 * Scale-out store: several nestbox processes share one PostgreSQL. `schema` isolates a store
 * inside one database (the tests give each suite its own).
 */
export function openPostgres(url: string, options: { schema?: string; max?: number } = {}): OpenDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    types: {
      getTypeParser: (oid: number, format?: any) =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}
