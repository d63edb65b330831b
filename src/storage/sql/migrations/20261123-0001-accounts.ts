import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** Accounts, access keys (secrets sealed) and signature nonces. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_operator", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("accounts_name_key").on("accounts").column("name").unique().execute();
  // At most one operator account: two processes bootstrapping an empty PostgreSQL store at once
  // cannot both create one; the loser sees AlreadyExists and reads the winner's.
  await db.schema
    .createIndex("accounts_one_operator_key")
    .on("accounts")
    .column("is_operator")
    .unique()
    .where(sql.ref("is_operator"), "=", 1)
    .execute();

  await db.schema
    .createTable("access_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("user_id", "text")
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("last_used_at", t.time)
    .execute();
  // Serves listAccessKeys(account, user) and, by its prefix, the account's foreign key.
  await db.schema
    .createIndex("access_keys_account_user_idx")
    .on("access_keys")
    .columns(["account_id", "user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("signature_nonces")
    .addColumn("nonce", "text", (c) => c.primaryKey())
    .addColumn("expires_at", t.time, (c) => c.notNull())
    .execute();
  // The purge deletes the oldest expired rows first, a bounded batch at a time.
  await db.schema.createIndex("signature_nonces_expires_idx").on("signature_nonces").column("expires_at").execute();
}
