import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** Services, their versions, tags, shared accounts and registrations. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("catalog_services")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("owner_account_id", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("share_type", "text", (c) => c.notNull())
    .addColumn("approval_type", "text", (c) => c.notNull())
    .addColumn("resource_group_id", "text")
    .addColumn("tags_json", "text", (c) => c.notNull())
    .addColumn("default_version", "text", (c) => c.notNull())
    .addColumn("last_version_number", "integer", (c) => c.notNull())
    .addColumn("has_draft", "integer", (c) => c.notNull())
    .addColumn("client_token", "text")
    .addColumn("request_hash", "text")
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addColumn("deleted_at", t.time)
    .execute();
  // Supplier lists (newest first, by creation or last change) and the user-side browse of everyone's services.
  await db.schema.createIndex("catalog_services_owner_created_idx").on("catalog_services").columns(["owner_account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("catalog_services_owner_updated_idx").on("catalog_services").columns(["owner_account_id", "updated_at", "id"]).execute();
  await db.schema.createIndex("catalog_services_created_idx").on("catalog_services").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("catalog_services_updated_idx").on("catalog_services").columns(["updated_at", "id"]).execute();
  // CreateService idempotency; NULL tokens never collide.
  await db.schema
    .createIndex("catalog_services_client_token_key")
    .on("catalog_services")
    .columns(["owner_account_id", "client_token"])
    .unique()
    .execute();

  await db.schema
    .createTable("catalog_service_versions")
    .addColumn("service_id", "text", (c) => c.notNull().references("catalog_services.id").onDelete("cascade"))
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("templates_json", "text", (c) => c.notNull())
    .addColumn("categories_json", "text", (c) => c.notNull())
    .addColumn("status_detail", "text")
    .addColumn("registration_id", "text")
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addColumn("published_at", t.time)
    .addColumn("deleted_at", t.time)
    .addPrimaryKeyConstraint("catalog_service_versions_pkey", ["service_id", "version"])
    .execute();
  // listVersions and AllVersions pages walk a service's versions in order.
  await db.schema.createIndex("catalog_service_versions_seq_idx").on("catalog_service_versions").columns(["service_id", "seq"]).execute();

  await db.schema
    .createTable("catalog_service_tags")
    .addColumn("service_id", "text", (c) => c.notNull().references("catalog_services.id").onDelete("cascade"))
    .addColumn("tag_key", "text", (c) => c.notNull())
    .addColumn("tag_value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("catalog_service_tags_pkey", ["service_id", "tag_key"])
    .execute();
  await db.schema.createIndex("catalog_service_tags_key_idx").on("catalog_service_tags").columns(["tag_key", "tag_value"]).execute();

  await db.schema
    .createTable("catalog_shared_accounts")
    .addColumn("service_id", "text", (c) => c.notNull().references("catalog_services.id").onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("permission", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("catalog_shared_accounts_pkey", ["service_id", "account_id"])
    .execute();
  // Visibility checks and "services shared with me" go by account.
  await db.schema.createIndex("catalog_shared_accounts_account_idx").on("catalog_shared_accounts").columns(["account_id", "service_id"]).execute();

  await db.schema
    .createTable("catalog_registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("service_id", "text", (c) => c.notNull().references("catalog_services.id").onDelete("cascade"))
    .addColumn("owner_account_id", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("submitted_at", t.time, (c) => c.notNull())
    .addColumn("finished_at", t.time)
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("catalog_registrations_owner_idx")
    .on("catalog_registrations")
    .columns(["owner_account_id", "submitted_at", "id"])
    .execute();
  await db.schema
    .createIndex("catalog_registrations_status_idx")
    .on("catalog_registrations")
    .columns(["status", "submitted_at", "id"])
    .execute();
  await db.schema
    .createIndex("catalog_registrations_service_idx")
    .on("catalog_registrations")
    .columns(["service_id", "submitted_at"])
    .execute();
}
