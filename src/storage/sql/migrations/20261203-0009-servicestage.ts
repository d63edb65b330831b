import type { Kysely } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import { columnTypes } from "../column-types.ts";

/** ServiceStage applications, environments, components, instances, snapshots and jobs. Released: never edit, add a migration. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const scoped = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", t.time, (c) => c.notNull())
      .addColumn("updated_at", t.time, (c) => c.notNull())
      .addColumn("body_json", "text", (c) => c.notNull());

  await scoped("ss_applications").execute();
  await db.schema.createIndex("ss_applications_name_key").on("ss_applications").columns(["project_id", "name"]).unique().execute();
  await db.schema.createIndex("ss_applications_created_idx").on("ss_applications").columns(["project_id", "created_at", "id"]).execute();

  await scoped("ss_environments").execute();
  await db.schema.createIndex("ss_environments_name_key").on("ss_environments").columns(["project_id", "name"]).unique().execute();
  await db.schema.createIndex("ss_environments_created_idx").on("ss_environments").columns(["project_id", "created_at", "id"]).execute();

  await scoped("ss_components").addColumn("application_id", "text", (c) => c.notNull()).execute();
  await db.schema.createIndex("ss_components_name_key").on("ss_components").columns(["application_id", "name"]).unique().execute();
  await db.schema.createIndex("ss_components_created_idx").on("ss_components").columns(["application_id", "created_at", "id"]).execute();

  await scoped("ss_instances")
    .addColumn("application_id", "text", (c) => c.notNull())
    .addColumn("component_id", "text", (c) => c.notNull())
    .addColumn("environment_id", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ss_instances_name_key").on("ss_instances").columns(["application_id", "environment_id", "name"]).unique().execute();
  await db.schema.createIndex("ss_instances_component_idx").on("ss_instances").columns(["component_id", "created_at", "id"]).execute();
  await db.schema.createIndex("ss_instances_environment_idx").on("ss_instances").column("environment_id").execute();

  await db.schema
    .createTable("ss_app_configurations")
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("application_id", "text", (c) => c.notNull())
    .addColumn("environment_id", "text", (c) => c.notNull())
    .addColumn("env_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ss_app_configurations_pkey", ["application_id", "environment_id"])
    .execute();

  await db.schema
    .createTable("ss_snapshots")
    .addColumn("instance_id", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ss_snapshots_pkey", ["instance_id", "version"])
    .execute();

  await db.schema
    .createTable("ss_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull())
    .addColumn("instance_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", t.time, (c) => c.notNull())
    .addColumn("updated_at", t.time, (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .execute();
  // Startup looks for jobs recorded but never queued.
  await db.schema.createIndex("ss_jobs_status_idx").on("ss_jobs").column("status").execute();

  await db.schema
    .createTable("ss_job_tasks")
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("task_id", "text", (c) => c.notNull())
    .addColumn("task_index", "integer", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ss_job_tasks_pkey", ["job_id", "task_id"])
    .execute();
  await db.schema.createIndex("ss_job_tasks_index_idx").on("ss_job_tasks").columns(["job_id", "task_index"]).execute();
}
