import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** Marketplace products, orders, instances, licences and metering. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable("market_products")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("supplier_account_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("market_products_created_idx").on("market_products").columns(["created_at", "code"]).execute();

  await db.schema
    .createTable("market_orders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("pay_status", "text", (c) => c.notNull())
    .addColumn("client_token", "text")
    .addColumn("request_hash", "text")
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .execute();
  // CreateOrder idempotency: concurrent orders with one token insert one row.
  await db.schema.createIndex("market_orders_client_token_key").on("market_orders").columns(["account_id", "client_token"]).unique().execute();

  await db.schema
    .createTable("market_instances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("supplier_account_id", "text", (c) => c.notNull())
    .addColumn("product_code", "text", (c) => c.notNull())
    .addColumn("product_type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("due_at", t.time)
    .addColumn("pending", "integer", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .execute();
  // DescribeInstances pages (newest first) and the sweeper's two queues.
  await db.schema.createIndex("market_instances_account_idx").on("market_instances").columns(["account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("market_instances_supplier_idx").on("market_instances").columns(["supplier_account_id", "created_at", "id"]).execute();
  await db.schema.createIndex("market_instances_due_idx").on("market_instances").columns(["due_at", "id"]).execute();
  await db.schema.createIndex("market_instances_pending_idx").on("market_instances").columns(["pending", "updated_at"]).execute();

  await db.schema
    .createTable("market_licenses")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull().references("market_instances.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("market_metering")
    .addColumn("seq", t.serial, (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull().references("market_instances.id").onDelete("cascade"))
    .addColumn("supplier_account_id", "text", (c) => c.notNull())
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("metering_key", "text", (c) => c.notNull())
    .addColumn("value", t.bigint, (c) => c.notNull())
    .addColumn("start_time", t.time, (c) => c.notNull())
    .addColumn("end_time", t.time, (c) => c.notNull())
    .addColumn("serial_no", "text")
    .addColumn("pushed_at", t.time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("market_metering_instance_idx").on("market_metering").columns(["instance_id", "start_time", "seq"]).execute();
}
