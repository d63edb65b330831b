import type { Kysely } from "kysely";
import type { DB } from "../schema.ts";

export type DialectName = "sqlite" | "postgres";

/** An open database. `close` releases connections (and the SQLite file handle). */
export interface OpenDatabase {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}
