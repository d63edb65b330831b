import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openSqlite } from "../../src/storage/sql/dialects/sqlite.ts";
import { openPostgres } from "../../src/storage/sql/dialects/postgres.ts";
import type { DialectName, OpenDatabase } from "../../src/storage/sql/dialects/dialect.ts";
import { migrateToLatest } from "../../src/storage/sql/migrations/index.ts";

/** PostgreSQL for the contract suites; CI sets it. Without it the PostgreSQL half says it is skipped. */
export const TEST_DATABASE_URL = process.env.NESTBOX_TEST_DATABASE_URL;

/** Dialects to run, narrowed by DIALECTS=sqlite,postgres. */
export function dialectsUnderTest(): { name: DialectName; skip: string | false }[] {
  const wanted = (process.env.DIALECTS ?? "sqlite,postgres").split(",").map((s) => s.trim());
  const all: { name: DialectName; skip: string | false }[] = [
    { name: "sqlite", skip: false },
    {
      name: "postgres",
      skip: TEST_DATABASE_URL ? false : "skipped: NESTBOX_TEST_DATABASE_URL is not set (no PostgreSQL to test against)",
    },
  ];
  return all.filter((d) => wanted.includes(d.name));
}

export interface TestDatabase extends OpenDatabase {
  /** PostgreSQL schema or SQLite file, for opening a second connection to the same store. */
  readonly location: { schema?: string; file?: string; url?: string };
  /** Opens another handle on the same store (a second nestbox process, in effect). */
  reopen(): OpenDatabase;
}

/** A fresh, migrated, empty store of the given dialect; dropped on close. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "nestbox-test-"));
    const file = join(dir, "nestbox.db");
    const open = openSqlite(file);
    await migrateToLatest(open.db, "sqlite");
    return {
      ...open,
      location: { file },
      reopen: () => openSqlite(file),
      close: async () => {
        await open.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = TEST_DATABASE_URL!;
  const schema = "t_" + randomBytes(6).toString("hex");
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const open = openPostgres(url, { schema, max: 4 });
  await migrateToLatest(open.db, "postgres");
  return {
    ...open,
    location: { schema, url },
    reopen: () => openPostgres(url, { schema, max: 4 }),
    close: async () => {
      await open.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * A database URL whose connections use a fresh, empty schema, for tests that start whole
 * servers (which migrate it themselves). `drop` removes the schema.
 */
export async function freshSchemaUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = "srv_" + randomBytes(6).toString("hex");
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
