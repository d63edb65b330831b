import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable("workflows")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text")
    .addColumn("input", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("progress", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status_detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("result", "text")
    .addColumn("error", "text")
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", t.time)
    .addColumn("lease_epoch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addColumn("finished_at", t.time)
    .execute();
  await db.schema.createIndex("workflows_idempotency_key").unique().on("workflows").column("idempotency_key").execute();
  // Workers look for claimable work by status and age; finished rows leave this index's hot part.
  await db.schema.createIndex("workflows_claimable").on("workflows").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("workflows_subject").on("workflows").columns(["subject_id", "created_at"]).execute();
  await db.schema
    .createTable("workflow_steps")
    .addColumn("workflow_id", "text", (c) => c.notNull().references("workflows.id").onDelete("cascade"))
    .addColumn("step_key", "text", (c) => c.notNull())
    .addColumn("output", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint("workflow_steps_pk", ["workflow_id", "step_key"])
    .execute();
}
