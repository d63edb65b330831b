import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/**
 * RAM users' login profiles (console/Keystone passwords): one row per user, holding only a slow
 * salted hash with its parameters, never the password. Released: never edit, add a migration.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("iam_login_profiles")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("iam_users.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("password_reset_required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mfa_bind_required", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
}
