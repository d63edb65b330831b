import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";

/**
 * Instance counts per (side, owner, service, status), kept exact by triggers on `instances`, so
 * ListServiceInstances' TotalCount is a sum over a few counter rows instead of a COUNT over every
 * matching instance: a page then costs the same at 1,000 and at 100,000 instances. Triggers (not
 * repository code) keep them right whoever writes the table. Side 'a' counts by the owning
 * account, 's' by the supplier's account.
 * Released: never edit, add a migration.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("instance_counts")
    .addColumn("side", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("service_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("n", dialect === "postgres" ? "bigint" : "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("instance_counts_pkey", ["side", "owner_id", "service_id", "status"])
    .execute();
  if (dialect === "postgres") await postgresTriggers(db);
  else await sqliteTriggers(db);
  await sql`
    insert into instance_counts (side, owner_id, service_id, status, n)
    select 'a', account_id, service_id, status, count(*) from instances group by account_id, service_id, status
    union all
    select 's', supplier_account_id, service_id, status, count(*) from instances group by supplier_account_id, service_id, status
  `.execute(db);
}

/** SQLite has one writer at a time, so the order of the counter updates does not matter. */
async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const bump = (side: string, owner: string, row: "NEW" | "OLD", delta: number) => `
    INSERT INTO instance_counts (side, owner_id, service_id, status, n)
    VALUES ('${side}', ${row}.${owner}, ${row}.service_id, ${row}.status, ${delta})
    ON CONFLICT (side, owner_id, service_id, status) DO UPDATE SET n = n + ${delta};`;
  await sql
    .raw(`CREATE TRIGGER instance_counts_insert AFTER INSERT ON instances BEGIN
      ${bump("a", "account_id", "NEW", 1)} ${bump("s", "supplier_account_id", "NEW", 1)} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER instance_counts_delete AFTER DELETE ON instances BEGIN
      ${bump("a", "account_id", "OLD", -1)} ${bump("s", "supplier_account_id", "OLD", -1)} END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER instance_counts_update AFTER UPDATE OF status, account_id, supplier_account_id, service_id ON instances
      WHEN OLD.status IS NOT NEW.status OR OLD.account_id IS NOT NEW.account_id
        OR OLD.supplier_account_id IS NOT NEW.supplier_account_id OR OLD.service_id IS NOT NEW.service_id
      BEGIN
      ${bump("a", "account_id", "OLD", -1)} ${bump("s", "supplier_account_id", "OLD", -1)}
      ${bump("a", "account_id", "NEW", 1)} ${bump("s", "supplier_account_id", "NEW", 1)} END`)
    .execute(db);
}

/**
 * PostgreSQL: concurrent transactions lock counter rows, so every change takes its rows in one
 * global order (side, owner, service, status); two status changes in opposite directions then
 * wait for each other instead of deadlocking.
 */
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`
    CREATE FUNCTION instance_counts_change() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    DECLARE
      k record;
    BEGIN
      FOR k IN
        SELECT side, owner_id, service_id, status, sum(delta) AS delta FROM (
          SELECT 'a' AS side, OLD.account_id AS owner_id, OLD.service_id AS service_id, OLD.status AS status, -1 AS delta WHERE TG_OP <> 'INSERT'
          UNION ALL SELECT 's', OLD.supplier_account_id, OLD.service_id, OLD.status, -1 WHERE TG_OP <> 'INSERT'
          UNION ALL SELECT 'a', NEW.account_id, NEW.service_id, NEW.status, 1 WHERE TG_OP <> 'DELETE'
          UNION ALL SELECT 's', NEW.supplier_account_id, NEW.service_id, NEW.status, 1 WHERE TG_OP <> 'DELETE'
        ) changes
        GROUP BY side, owner_id, service_id, status
        HAVING sum(delta) <> 0
        ORDER BY side, owner_id, service_id, status
      LOOP
        INSERT INTO instance_counts AS c (side, owner_id, service_id, status, n)
        VALUES (k.side, k.owner_id, k.service_id, k.status, k.delta)
        ON CONFLICT (side, owner_id, service_id, status) DO UPDATE SET n = c.n + EXCLUDED.n;
      END LOOP;
      RETURN NULL;
    END $$`)
    .execute(db);
  await sql.raw(`CREATE TRIGGER instance_counts_insert AFTER INSERT OR DELETE ON instances FOR EACH ROW EXECUTE FUNCTION instance_counts_change()`).execute(db);
  await sql
    .raw(`CREATE TRIGGER instance_counts_update AFTER UPDATE OF status, account_id, supplier_account_id, service_id ON instances
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.account_id IS DISTINCT FROM NEW.account_id
        OR OLD.supplier_account_id IS DISTINCT FROM NEW.supplier_account_id OR OLD.service_id IS DISTINCT FROM NEW.service_id)
      EXECUTE FUNCTION instance_counts_change()`)
    .execute(db);
}
