import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** PAI-EAS services, their labels, versions and events. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("eas_services")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("service_type", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("service_group", "text", (c) => c.notNull())
    .addColumn("workspace_id", "text", (c) => c.notNull())
    .addColumn("caller_uid", "text", (c) => c.notNull())
    .addColumn("autoscaler_enabled", "integer", (c) => c.notNull())
    .addColumn("cronscaler_enabled", "integer", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  // A name is unique per account and region (A.4.1); the gateway looks names up across accounts.
  await db.schema.createIndex("eas_services_name_key").on("eas_services").columns(["account_id", "region_id", "name"]).unique().execute();
  await db.schema.createIndex("eas_services_region_name_idx").on("eas_services").columns(["region_id", "name"]).execute();
  await db.schema.createIndex("eas_services_list_idx").on("eas_services").columns(["account_id", "region_id", "created_at", "id"]).execute();

  await db.schema
    .createTable("eas_service_labels")
    .addColumn("service_id", "text", (c) => c.notNull().references("eas_services.id").onDelete("cascade"))
    .addColumn("label_key", "text", (c) => c.notNull())
    .addColumn("label_value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("eas_service_labels_pkey", ["service_id", "label_key"])
    .execute();
  await db.schema.createIndex("eas_service_labels_key_idx").on("eas_service_labels").columns(["label_key", "label_value", "service_id"]).execute();

  await db.schema
    .createTable("eas_service_versions")
    .addColumn("service_id", "text", (c) => c.notNull().references("eas_services.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("spec_json", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("eas_service_versions_pkey", ["service_id", "version"])
    .execute();

  await db.schema
    .createTable("eas_service_events")
    .addColumn("seq", t.serial, (c) => c.primaryKey())
    .addColumn("service_id", "text", (c) => c.notNull().references("eas_services.id").onDelete("cascade"))
    .addColumn("at", t.time, (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("instance_name", "text")
    .addColumn("message", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("eas_service_events_idx").on("eas_service_events").columns(["service_id", "at", "seq"]).execute();
}
