import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/**
 * RAM users, groups, memberships, roles, custom policies with versions, policy attachments and
 * STS session credentials (secrets and tokens sealed). Released: never edit, add a migration.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const account = (c: any) => c.notNull().references("accounts.id").onDelete("cascade");

  await db.schema
    .createTable("iam_users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", account)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("mobile_phone", "text")
    .addColumn("comments", "text")
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("iam_users_account_name_key").on("iam_users").columns(["account_id", "name"]).unique().execute();

  await db.schema
    .createTable("iam_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", account)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("comments", "text")
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("iam_groups_account_name_key").on("iam_groups").columns(["account_id", "name"]).unique().execute();

  await db.schema
    .createTable("iam_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("iam_groups.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("iam_users.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("joined_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("iam_group_members_pkey", ["group_id", "user_id"])
    .execute();
  // groupsOfUser, on every authorization of a user.
  await db.schema.createIndex("iam_group_members_user_idx").on("iam_group_members").column("user_id").execute();

  await db.schema
    .createTable("iam_roles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", account)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("trust_policy", "text", (c) => c.notNull())
    .addColumn("max_session_duration", "integer", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("iam_roles_account_name_key").on("iam_roles").columns(["account_id", "name"]).unique().execute();

  await db.schema
    .createTable("iam_policies")
    .addColumn("account_id", "text", account)
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("default_version", "text", (c) => c.notNull())
    .addColumn("next_version", "integer", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("iam_policies_pkey", ["account_id", "name"])
    .execute();

  await db.schema
    .createTable("iam_policy_versions")
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("version_id", "text", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("iam_policy_versions_pkey", ["account_id", "policy_name", "version_id"])
    .addForeignKeyConstraint("iam_policy_versions_policy_fkey", ["account_id", "policy_name"], "iam_policies", ["account_id", "name"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("iam_policy_attachments")
    .addColumn("account_id", "text", account)
    .addColumn("policy_type", "text", (c) => c.notNull())
    .addColumn("policy_name", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("attached_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("iam_policy_attachments_pkey", ["account_id", "target_type", "target_id", "policy_type", "policy_name"])
    .execute();
  // ListEntitiesForPolicy and the in-use check before deleting a policy.
  await db.schema
    .createIndex("iam_policy_attachments_policy_idx")
    .on("iam_policy_attachments")
    .columns(["account_id", "policy_type", "policy_name"])
    .execute();

  await db.schema
    .createTable("iam_sts_credentials")
    .addColumn("access_key_id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", account)
    .addColumn("role_id", "text", (c) => c.notNull())
    .addColumn("role_name", "text", (c) => c.notNull())
    .addColumn("session_name", "text", (c) => c.notNull())
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("token_sealed", "text", (c) => c.notNull())
    .addColumn("session_policy", "text")
    .addColumn("expires_at", t.time, (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("iam_sts_credentials_expires_idx").on("iam_sts_credentials").column("expires_at").execute();
}
