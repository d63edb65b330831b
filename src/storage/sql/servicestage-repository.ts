import { sql, type Kysely } from "kysely";
import type { DomainError } from "../../core/shared/domain-error.ts";
import { SERVICESTAGE_ERROR_CODES as C, nameExists } from "../../core/servicestage/servicestage-errors.ts";
import type {
  Application,
  ApplicationConfiguration,
  Component,
  ComponentInstance,
  Environment,
  InstanceSnapshot,
  Job,
  JobTask,
  ListQuery,
  Listed,
} from "../../core/servicestage/servicestage-model.ts";
import type { ServiceStageRepository } from "../../core/servicestage/servicestage-repository.ts";
import { isUniqueViolation } from "./instance-sql-support.ts";
import type { DB } from "./schema.ts";

type ScopedTable = "ss_applications" | "ss_environments" | "ss_components" | "ss_instances";

/** Without a limit the wire promises at most 1000 records (B.1). */
const UNPAGED_LIMIT = 1000;

/**
 * ServiceStageRepository on Kysely (SQLite and PostgreSQL). Objects are stored whole as JSON next
 * to the columns lists sort and filter on; names are unique by index, so two concurrent creates
 * of one name cannot both succeed.
 */
export class SqlServiceStageRepository implements ServiceStageRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createApplication(app: Application): Promise<void> {
    await this.insert("ss_applications", { id: app.id, project_id: app.projectId, name: app.name, created_at: app.createdAt, updated_at: app.updatedAt, body_json: JSON.stringify(app) }, () =>
      nameExists(C.APPLICATION_NAME_EXISTS, "application", app.name),
    );
  }
  getApplication(projectId: string, id: string) {
    return this.getScoped<Application>("ss_applications", projectId, id);
  }
  listApplications(projectId: string, query: ListQuery) {
    return this.list<Application>("ss_applications", "project_id", projectId, query);
  }
  updateApplication(app: Application) {
    return this.update("ss_applications", app.id, { name: app.name, updated_at: app.updatedAt, body_json: JSON.stringify(app) }, () => nameExists(C.APPLICATION_NAME_EXISTS, "application", app.name));
  }
  deleteApplication(projectId: string, id: string) {
    return this.remove("ss_applications", projectId, id);
  }

  async createEnvironment(env: Environment): Promise<void> {
    await this.insert("ss_environments", { id: env.id, project_id: env.projectId, name: env.name, created_at: env.createdAt, updated_at: env.updatedAt, body_json: JSON.stringify(env) }, () =>
      nameExists(C.ENVIRONMENT_NAME_EXISTS, "environment", env.name),
    );
  }
  getEnvironment(projectId: string, id: string) {
    return this.getScoped<Environment>("ss_environments", projectId, id);
  }
  listEnvironments(projectId: string, query: ListQuery) {
    return this.list<Environment>("ss_environments", "project_id", projectId, query);
  }
  updateEnvironment(env: Environment) {
    return this.update("ss_environments", env.id, { name: env.name, updated_at: env.updatedAt, body_json: JSON.stringify(env) }, () => nameExists(C.ENVIRONMENT_NAME_EXISTS, "environment", env.name));
  }
  deleteEnvironment(projectId: string, id: string) {
    return this.remove("ss_environments", projectId, id);
  }

  async createComponent(c: Component): Promise<void> {
    await this.insert(
      "ss_components",
      { id: c.id, project_id: c.projectId, application_id: c.applicationId, name: c.name, created_at: c.createdAt, updated_at: c.updatedAt, body_json: JSON.stringify(c) },
      () => nameExists(C.COMPONENT_NAME_EXISTS, "component", c.name),
    );
  }
  async getComponent(projectId: string, applicationId: string, id: string) {
    const c = await this.getScoped<Component>("ss_components", projectId, id);
    return c && c.applicationId === applicationId ? c : undefined;
  }
  listComponents(_projectId: string, applicationId: string, query: ListQuery) {
    return this.list<Component>("ss_components", "application_id", applicationId, query);
  }
  async countComponents(applicationId: string): Promise<number> {
    const row = await this.db.selectFrom("ss_components").select(sql<number>`count(*)`.as("n")).where("application_id", "=", applicationId).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  updateComponent(c: Component) {
    return this.update("ss_components", c.id, { name: c.name, updated_at: c.updatedAt, body_json: JSON.stringify(c) }, () => nameExists(C.COMPONENT_NAME_EXISTS, "component", c.name));
  }
  deleteComponent(projectId: string, id: string) {
    return this.remove("ss_components", projectId, id);
  }

  async putConfiguration(projectId: string, config: ApplicationConfiguration): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("ss_app_configurations").where("application_id", "=", config.applicationId).where("environment_id", "=", config.environmentId).execute();
      if (config.env.length === 0) return;
      await tx
        .insertInto("ss_app_configurations")
        .values({ project_id: projectId, application_id: config.applicationId, environment_id: config.environmentId, env_json: JSON.stringify(config.env) })
        .execute();
    });
  }
  async listConfigurations(projectId: string, applicationId: string, environmentId?: string): Promise<ApplicationConfiguration[]> {
    let q = this.db.selectFrom("ss_app_configurations").selectAll().where("project_id", "=", projectId).where("application_id", "=", applicationId);
    if (environmentId) q = q.where("environment_id", "=", environmentId);
    const rows = await q.orderBy("environment_id").execute();
    return rows.map((r) => ({ applicationId: r.application_id, environmentId: r.environment_id, env: JSON.parse(r.env_json) }));
  }
  async deleteConfiguration(projectId: string, applicationId: string, environmentId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom("ss_app_configurations")
      .where("project_id", "=", projectId)
      .where("application_id", "=", applicationId)
      .where("environment_id", "=", environmentId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async createInstance(i: ComponentInstance): Promise<void> {
    await this.insert(
      "ss_instances",
      { id: i.id, project_id: i.projectId, application_id: i.applicationId, component_id: i.componentId, environment_id: i.environmentId, name: i.name, created_at: i.createdAt, updated_at: i.updatedAt, body_json: JSON.stringify(i) },
      () => nameExists(C.INSTANCE_NAME_EXISTS, "instance", i.name),
    );
  }
  async getInstance(projectId: string, componentId: string, id: string) {
    const i = await this.getScoped<ComponentInstance>("ss_instances", projectId, id);
    return i && i.componentId === componentId ? i : undefined;
  }
  async findInstance(id: string) {
    const row = await this.db.selectFrom("ss_instances").select("body_json").where("id", "=", id).executeTakeFirst();
    return row ? (JSON.parse(row.body_json) as ComponentInstance) : undefined;
  }
  listInstances(_projectId: string, componentId: string, query: ListQuery) {
    return this.list<ComponentInstance>("ss_instances", "component_id", componentId, query);
  }
  async countInstances(filter: { componentId?: string; environmentId?: string }): Promise<number> {
    let q = this.db.selectFrom("ss_instances").select(sql<number>`count(*)`.as("n"));
    if (filter.componentId) q = q.where("component_id", "=", filter.componentId);
    if (filter.environmentId) q = q.where("environment_id", "=", filter.environmentId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }
  async updateInstance(i: ComponentInstance, expectedUpdatedAt?: number): Promise<boolean> {
    let q = this.db.updateTable("ss_instances").set({ updated_at: i.updatedAt, body_json: JSON.stringify(i) }).where("id", "=", i.id);
    if (expectedUpdatedAt !== undefined) q = q.where("updated_at", "=", expectedUpdatedAt);
    return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
  }
  async deleteInstance(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("ss_snapshots").where("instance_id", "=", id).execute();
      const r = await tx.deleteFrom("ss_instances").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }

  async putSnapshot(s: InstanceSnapshot): Promise<void> {
    try {
      await this.db.insertInto("ss_snapshots").values({ instance_id: s.instanceId, version: s.version, created_at: s.createdAt, body_json: JSON.stringify(s) }).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  async getSnapshot(instanceId: string, version: string) {
    const row = await this.db.selectFrom("ss_snapshots").select("body_json").where("instance_id", "=", instanceId).where("version", "=", version).executeTakeFirst();
    return row ? (JSON.parse(row.body_json) as InstanceSnapshot) : undefined;
  }
  async listSnapshots(instanceId: string, query: { limit?: number; offset?: number; orderBy?: "create_time" | "version"; order?: "asc" | "desc" }): Promise<Listed<InstanceSnapshot>> {
    const count = Number((await this.db.selectFrom("ss_snapshots").select(sql<number>`count(*)`.as("n")).where("instance_id", "=", instanceId).executeTakeFirstOrThrow()).n);
    const column = query.orderBy === "version" ? "version" : "created_at";
    const rows = await this.db
      .selectFrom("ss_snapshots")
      .select("body_json")
      .where("instance_id", "=", instanceId)
      .orderBy(column, query.order ?? "desc")
      .limit(query.limit || UNPAGED_LIMIT)
      .offset(query.offset ?? 0)
      .execute();
    return { count, items: rows.map((r) => JSON.parse(r.body_json) as InstanceSnapshot) };
  }

  async createJob(job: Job): Promise<void> {
    await this.db
      .insertInto("ss_jobs")
      .values({ id: job.id, project_id: job.projectId, instance_id: job.instanceId, status: job.status, created_at: job.createdAt, updated_at: job.updatedAt, body_json: JSON.stringify(job) })
      .execute();
  }
  async getJob(id: string) {
    const row = await this.db.selectFrom("ss_jobs").select(["body_json", "status", "updated_at"]).where("id", "=", id).executeTakeFirst();
    return row ? ({ ...JSON.parse(row.body_json), status: row.status, updatedAt: Number(row.updated_at) } as Job) : undefined;
  }
  async updateJobStatus(id: string, status: Job["status"], updatedAt: number): Promise<void> {
    await this.db.updateTable("ss_jobs").set({ status, updated_at: updatedAt }).where("id", "=", id).execute();
  }
  async listSubmittedJobs(): Promise<Job[]> {
    const rows = await this.db.selectFrom("ss_jobs").select(["body_json", "status", "updated_at"]).where("status", "=", "SUBMITTED").execute();
    return rows.map((row) => ({ ...JSON.parse(row.body_json), status: row.status, updatedAt: Number(row.updated_at) }) as Job);
  }
  async putTask(task: JobTask): Promise<void> {
    const values = { job_id: task.jobId, task_id: task.id, task_index: task.index, body_json: JSON.stringify(task) };
    await this.db
      .insertInto("ss_job_tasks")
      .values(values)
      .onConflict((oc) => oc.columns(["job_id", "task_id"]).doUpdateSet({ body_json: values.body_json }))
      .execute();
  }
  async listTasks(jobId: string, query: { limit?: number; offset?: number; desc?: boolean }): Promise<Listed<JobTask>> {
    const count = Number((await this.db.selectFrom("ss_job_tasks").select(sql<number>`count(*)`.as("n")).where("job_id", "=", jobId).executeTakeFirstOrThrow()).n);
    const rows = await this.db
      .selectFrom("ss_job_tasks")
      .select("body_json")
      .where("job_id", "=", jobId)
      .orderBy("task_index", query.desc ? "desc" : "asc")
      .limit(query.limit || UNPAGED_LIMIT)
      .offset(query.offset ?? 0)
      .execute();
    return { count, items: rows.map((r) => JSON.parse(r.body_json) as JobTask) };
  }

  private async insert(table: ScopedTable, row: Record<string, unknown>, onDuplicate: () => DomainError): Promise<void> {
    try {
      await this.db.insertInto(table).values(row as never).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw onDuplicate();
      throw e;
    }
  }

  private async getScoped<T>(table: ScopedTable, projectId: string, id: string): Promise<T | undefined> {
    const row = await this.db.selectFrom(table).select("body_json").where("id", "=", id).where("project_id", "=", projectId).executeTakeFirst();
    return row ? (JSON.parse(row.body_json) as T) : undefined;
  }

  private async update(table: ScopedTable, id: string, set: Record<string, unknown>, onDuplicate: () => DomainError): Promise<boolean> {
    try {
      const r = await this.db.updateTable(table).set(set as never).where("id", "=", id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    } catch (e) {
      if (isUniqueViolation(e)) throw onDuplicate();
      throw e;
    }
  }

  private async remove(table: ScopedTable, projectId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom(table).where("id", "=", id).where("project_id", "=", projectId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** limit/offset paging with a total count (B.1); ties broken by id so pages never overlap. */
  private async list<T>(table: ScopedTable, scope: "project_id" | "application_id" | "component_id", value: string, query: ListQuery): Promise<Listed<T>> {
    const column = query.orderBy === "name" ? "name" : query.orderBy === "update_time" ? "updated_at" : "created_at";
    const order = query.order ?? "desc";
    const count = Number((await this.db.selectFrom(table).select(sql<number>`count(*)`.as("n")).where(scope as never, "=", value as never).executeTakeFirstOrThrow()).n);
    const rows = await this.db
      .selectFrom(table)
      .select("body_json")
      .where(scope as never, "=", value as never)
      .orderBy(column, order)
      .orderBy("id", order)
      .limit(query.limit || UNPAGED_LIMIT)
      .offset(query.offset ?? 0)
      .execute();
    return { count, items: rows.map((r) => JSON.parse((r as { body_json: string }).body_json) as T) };
  }
}

