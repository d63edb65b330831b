import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** Service instances, their tags, lifecycle events and upgrade history. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("instances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("supplier_account_id", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("service_id", "text", (c) => c.notNull())
    .addColumn("service_version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("service_type", "text", (c) => c.notNull())
    .addColumn("enable_instance_ops", "integer", (c) => c.notNull())
    .addColumn("resource_group_id", "text")
    .addColumn("market_instance_id", "text")
    .addColumn("client_token", "text")
    .addColumn("request_hash", "text")
    .addColumn("pending_at", t.time)
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addColumn("deleted_at", t.time)
    .execute();
  // List pages (newest first) walk these in key order: a page costs the same at any depth.
  await db.schema.createIndex("instances_account_created_idx").on("instances").columns(["account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("instances_account_status_idx").on("instances").columns(["account_id", "status", "created_at", "id"]).execute();
  await db.schema.createIndex("instances_supplier_created_idx").on("instances").columns(["supplier_account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("instances_supplier_status_idx").on("instances").columns(["supplier_account_id", "status", "created_at", "id"]).execute();
  // CreateServiceInstance idempotency: concurrent creates with one token insert one row.
  await db.schema.createIndex("instances_client_token_key").on("instances").columns(["account_id", "client_token"]).unique().execute();
  await db.schema.createIndex("instances_market_idx").on("instances").column("market_instance_id").execute();
  // Startup recovery looks for operations whose workflow was never attached.
  await db.schema.createIndex("instances_pending_idx").on("instances").column("pending_at").execute();

  await db.schema
    .createTable("instance_tags")
    .addColumn("instance_id", "text", (c) => c.notNull().references("instances.id").onDelete("cascade"))
    .addColumn("tag_key", "text", (c) => c.notNull())
    .addColumn("tag_value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("instance_tags_pkey", ["instance_id", "tag_key"])
    .execute();
  await db.schema.createIndex("instance_tags_key_idx").on("instance_tags").columns(["tag_key", "tag_value", "instance_id"]).execute();

  await db.schema
    .createTable("instance_events")
    .addColumn("seq", t.serial, (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull().references("instances.id").onDelete("cascade"))
    .addColumn("at", t.time, (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("resource_id", "text")
    .addColumn("resource_type", "text")
    .execute();
  await db.schema.createIndex("instance_events_instance_idx").on("instance_events").columns(["instance_id", "seq"]).execute();

  await db.schema
    .createTable("instance_upgrade_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull().references("instances.id").onDelete("cascade"))
    .addColumn("from_version", "text", (c) => c.notNull())
    .addColumn("to_version", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("start_time", t.time, (c) => c.notNull())
    .addColumn("end_time", t.time)
    .addColumn("results_json", "text")
    .addColumn("previous_parameters_json", "text")
    .execute();
  await db.schema.createIndex("instance_upgrade_history_idx").on("instance_upgrade_history").columns(["instance_id", "start_time", "id"]).execute();
}
