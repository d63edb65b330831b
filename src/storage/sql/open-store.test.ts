import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "./open-store.ts";

const TEST_DATABASE_URL = process.env.NESTBOX_TEST_DATABASE_URL;

describe("openStore", () => {
  test("creates the data directory and a migrated SQLite store in it, and reopens it", async () => {
    const root = mkdtempSync(join(tmpdir(), "nestbox-open-"));
    const dataDir = join(root, "a", "b");
    try {
      const first = await openStore({ dataDir });
      assert.equal(first.dialect, "sqlite");
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.ok(existsSync(join(dataDir, "nestbox.db")));
      await first.db
        .insertInto("accounts")
        .values({ id: "1000000000000001", name: "a", is_operator: 0, created_at: 1 })
        .execute();
      await first.close();

      const again = await openStore({ dataDir });
      const rows = await again.db.selectFrom("accounts").select("name").execute();
      assert.deepEqual(rows, [{ name: "a" }]);
      await again.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test(
    "opens PostgreSQL when a URL is given; processes starting together migrate once",
    { skip: TEST_DATABASE_URL ? false : "skipped: NESTBOX_TEST_DATABASE_URL is not set (no PostgreSQL to test against)" },
    async () => {
      const schema = "t_" + randomBytes(6).toString("hex");
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(TEST_DATABASE_URL!);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const root = mkdtempSync(join(tmpdir(), "nestbox-open-"));
      try {
        const stores = await Promise.all([1, 2, 3].map(() => openStore({ dataDir: root, databaseUrl: url.toString() })));
        try {
          assert.ok(stores.every((s) => s.dialect === "postgres"));
          assert.equal(existsSync(join(root, "nestbox.db")), false);
          const { rows } = await admin.query(
            `SELECT count(*)::int AS n FROM ${schema}.kysely_migration WHERE name = '20261123-0001-accounts'`,
          );
          assert.equal(rows[0].n, 1);
          await stores[0]!.db.selectFrom("signature_nonces").selectAll().execute();
        } finally {
          await Promise.all(stores.map((s) => s.close()));
        }
      } finally {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
});
