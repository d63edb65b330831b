import { sql, type Kysely, type Selectable } from "kysely";
import { EasErrorCodes } from "../../core/eas/eas-errors.ts";
import type { EasServiceFilter, EasServicePage, EasServiceRepository } from "../../core/eas/eas-ports.ts";
import type { EasEvent, EasService, EasServiceVersion } from "../../core/eas/eas-service.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { compact, containsIgnoringCase, isUniqueViolation } from "./instance-sql-support.ts";
import type { EasServicesTable } from "./eas-tables.ts";
import type { DB } from "./schema.ts";

/**
 * EAS services (contract: core/eas/eas-ports.ts). Filtered and sorted columns are real columns;
 * labels have their own table (filtered with EXISTS); the rest is body_json. Versions and events
 * are removed with the service (ON DELETE CASCADE, and explicitly for SQLite without FK checks).
 */
export class SqlEasServiceRepository implements EasServiceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(service: EasService, firstVersion: EasServiceVersion): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx.insertInto("eas_services").values(toRow(service)).execute();
        await writeLabels(tx, service);
        await tx.insertInto("eas_service_versions").values(versionRow(firstVersion)).execute();
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw new DomainError("AlreadyExists", EasErrorCodes.SERVICE_ALREADY_EXISTS, `The service ${service.name} already exists in region ${service.regionId}.`, { parameter: "name" });
    }
  }

  async get(id: string): Promise<EasService | undefined> {
    const row = await this.db.selectFrom("eas_services").selectAll().where("id", "=", id).executeTakeFirst();
    return row && fromRow(row);
  }

  async getByName(accountId: string, regionId: string, name: string): Promise<EasService | undefined> {
    const row = await this.db.selectFrom("eas_services").selectAll().where("account_id", "=", accountId).where("region_id", "=", regionId).where("name", "=", name).executeTakeFirst();
    return row && fromRow(row);
  }

  async findByName(regionId: string, name: string): Promise<EasService[]> {
    const rows = await this.db.selectFrom("eas_services").selectAll().where("region_id", "=", regionId).where("name", "=", name).execute();
    return rows.map(fromRow);
  }

  async update(service: EasService, expectedUpdatedAt?: Date): Promise<boolean> {
    const { id, ...set } = toRow(service);
    return this.db.transaction().execute(async (tx) => {
      let q = tx.updateTable("eas_services").set(set).where("id", "=", id);
      if (expectedUpdatedAt) q = q.where("updated_at", "=", expectedUpdatedAt.getTime());
      const result = await q.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await tx.deleteFrom("eas_service_labels").where("service_id", "=", id).execute();
      await writeLabels(tx, service);
      return true;
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom("eas_service_events").where("service_id", "=", id).execute();
      await tx.deleteFrom("eas_service_versions").where("service_id", "=", id).execute();
      await tx.deleteFrom("eas_service_labels").where("service_id", "=", id).execute();
      await tx.deleteFrom("eas_services").where("id", "=", id).execute();
    });
  }

  async list(f: EasServiceFilter, order: { by: "CreateTime" | "UpdateTime" | "ServiceName"; desc: boolean }, page: { offset: number; limit: number }): Promise<EasServicePage> {
    let q = this.db.selectFrom("eas_services").where("account_id", "=", f.accountId).where("region_id", "=", f.regionId);
    if (f.nameLike) q = q.where(containsIgnoringCase(sql.ref("name"), f.nameLike));
    if (f.name) q = q.where("name", "=", f.name);
    if (f.id) q = q.where("id", "=", f.id);
    if (f.status) q = q.where("status", "=", f.status);
    if (f.serviceType) q = q.where("service_type", "=", f.serviceType);
    if (f.role) q = q.where("role", "=", f.role);
    if (f.group) q = q.where("service_group", "=", f.group);
    if (f.workspaceId) q = q.where("workspace_id", "=", f.workspaceId);
    if (f.callerUid) q = q.where("caller_uid", "=", f.callerUid);
    if (f.autoscalerEnabled !== undefined) q = q.where("autoscaler_enabled", "=", f.autoscalerEnabled ? 1 : 0);
    if (f.cronscalerEnabled !== undefined) q = q.where("cronscaler_enabled", "=", f.cronscalerEnabled ? 1 : 0);
    for (const [key, value] of Object.entries(f.labels ?? {})) {
      q = q.where(({ exists, selectFrom }) =>
        exists(selectFrom("eas_service_labels as l").select("l.service_id").whereRef("l.service_id", "=", "eas_services.id").where("l.label_key", "=", key).where("l.label_value", "=", value)),
      );
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    const column = order.by === "ServiceName" ? "name" : order.by === "UpdateTime" ? "updated_at" : "created_at";
    const dir = order.desc ? "desc" : "asc";
    const rows = await q.selectAll().orderBy(column, dir).orderBy("id", dir).limit(page.limit).offset(page.offset).execute();
    return { items: rows.map(fromRow), totalCount: Number(total?.n ?? 0) };
  }

  async listActive(limit: number): Promise<EasService[]> {
    const rows = await this.db.selectFrom("eas_services").selectAll().where("status", "not in", ["Deleted"]).orderBy("created_at").limit(limit).execute();
    return rows.map(fromRow);
  }

  async addVersion(v: EasServiceVersion): Promise<void> {
    try {
      await this.db.insertInto("eas_service_versions").values(versionRow(v)).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // the same version written again after a retry
    }
  }

  async getVersion(serviceId: string, version: number): Promise<EasServiceVersion | undefined> {
    const row = await this.db.selectFrom("eas_service_versions").selectAll().where("service_id", "=", serviceId).where("version", "=", version).executeTakeFirst();
    return row && { serviceId: row.service_id, version: Number(row.version), spec: JSON.parse(row.spec_json), message: row.message, createdAt: new Date(Number(row.created_at)) };
  }

  async listVersions(serviceId: string, page: { offset: number; limit: number }): Promise<{ items: EasServiceVersion[]; totalCount: number }> {
    const base = this.db.selectFrom("eas_service_versions").where("service_id", "=", serviceId);
    const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    const rows = await base.selectAll().orderBy("version", "desc").limit(page.limit).offset(page.offset).execute();
    return {
      items: rows.map((row) => ({ serviceId: row.service_id, version: Number(row.version), spec: JSON.parse(row.spec_json), message: row.message, createdAt: new Date(Number(row.created_at)) })),
      totalCount: Number(total?.n ?? 0),
    };
  }

  async appendEvent(e: EasEvent): Promise<void> {
    await this.db
      .insertInto("eas_service_events")
      .values({ service_id: e.serviceId, at: e.at.getTime(), type: e.type, reason: e.reason, resource: e.resource, instance_name: e.instanceName ?? null, message: e.message })
      .execute();
  }

  async listEvents(serviceId: string, q: { from: Date; to: Date; type?: string; instanceName?: string; offset: number; limit: number }): Promise<{ items: EasEvent[]; totalCount: number }> {
    let base = this.db.selectFrom("eas_service_events").where("service_id", "=", serviceId).where("at", ">=", q.from.getTime()).where("at", "<", q.to.getTime());
    if (q.type) base = base.where("type", "=", q.type);
    if (q.instanceName) base = base.where("instance_name", "=", q.instanceName);
    const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst();
    const rows = await base.selectAll().orderBy("at").orderBy("seq").limit(q.limit).offset(q.offset).execute();
    return {
      items: rows.map((r) =>
        compact({
          serviceId: r.service_id,
          at: new Date(Number(r.at)),
          type: r.type as EasEvent["type"],
          reason: r.reason,
          resource: r.resource as EasEvent["resource"],
          instanceName: r.instance_name ?? undefined,
          message: r.message,
        }),
      ),
      totalCount: Number(total?.n ?? 0),
    };
  }
}

async function writeLabels(db: Kysely<DB>, s: EasService): Promise<void> {
  if (s.labels.length === 0) return;
  await db.insertInto("eas_service_labels").values(s.labels.map((l) => ({ service_id: s.id, label_key: l.key, label_value: l.value }))).execute();
}

const versionRow = (v: EasServiceVersion) => ({ service_id: v.serviceId, version: v.version, spec_json: JSON.stringify(v.spec), message: v.message, created_at: v.createdAt.getTime() });

/** Fields kept in columns; everything else goes to body_json. */
function toRow(s: EasService): EasServicesTable {
  const { id, accountId, regionId, name, status, callerUid, workspaceId, createdAt, updatedAt, operation, ...rest } = s;
  const metadata = (typeof s.spec.metadata === "object" && s.spec.metadata) || {};
  const text = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
  const body = { ...rest, ...(operation ? { operation: { ...operation, requestedAt: operation.requestedAt.toISOString() } } : {}) };
  return {
    id,
    account_id: accountId,
    region_id: regionId,
    name,
    status,
    service_type: text((metadata as Record<string, unknown>).type, "Standard"),
    role: text((metadata as Record<string, unknown>).role),
    service_group: text((metadata as Record<string, unknown>).group),
    workspace_id: workspaceId,
    caller_uid: callerUid,
    autoscaler_enabled: s.autoscaler ? 1 : 0,
    cronscaler_enabled: s.cronScaler ? 1 : 0,
    body_json: JSON.stringify(body),
    created_at: createdAt.getTime(),
    updated_at: updatedAt.getTime(),
  };
}

function fromRow(r: Selectable<EasServicesTable>): EasService {
  const body = JSON.parse(r.body_json);
  const revive = (cron: any) =>
    cron && { ...cron, jobs: cron.jobs.map((j: any) => compact({ ...j, createdAt: new Date(j.createdAt), lastRunAt: j.lastRunAt ? new Date(j.lastRunAt) : undefined })) };
  return compact({
    ...body,
    id: r.id,
    accountId: r.account_id,
    regionId: r.region_id,
    name: r.name,
    status: r.status,
    callerUid: r.caller_uid,
    workspaceId: r.workspace_id,
    cronScaler: revive(body.cronScaler),
    operation: body.operation ? { ...body.operation, requestedAt: new Date(body.operation.requestedAt) } : undefined,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  }) as EasService;
}
