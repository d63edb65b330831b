import type { Kysely, Selectable } from "kysely";
import { InstanceErrorCodes } from "../../core/instances/instance-errors.ts";
import type { InstanceEvent, InstanceEventRepository, UpgradeHistoryEntry, UpgradeHistoryRepository } from "../../core/instances/instance-event.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { afterCursor, compact, dateOrUndefined, decodeCursor, encodeCursor, isUniqueViolation, orUndefined } from "./instance-sql-support.ts";
import type { InstanceEventsTable, InstanceUpgradeHistoryTable } from "./instance-tables.ts";
import type { DB } from "./schema.ts";

/**
 * Lifecycle events (contract: core/instances/instance-event.ts), keyset-paged on the append
 * sequence through (instance_id, seq): a page costs the same however long the history is.
 */
export class SqlInstanceEventRepository implements InstanceEventRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async append(event: InstanceEvent): Promise<void> {
    await this.db
      .insertInto("instance_events")
      .values({
        instance_id: event.instanceId,
        at: event.timestamp.getTime(),
        status: event.status,
        content: event.content,
        resource_id: event.resourceId ?? null,
        resource_type: event.resourceType ?? null,
      })
      .execute();
  }

  async list(instanceId: string, o: Parameters<InstanceEventRepository["list"]>[1]): Promise<{ events: InstanceEvent[]; nextToken: string }> {
    const cursor = decodeCursor(o.after, ["number"]);
    let q = this.db.selectFrom("instance_events").selectAll().where("instance_id", "=", instanceId);
    if (o.from) q = q.where("at", ">=", o.from.getTime());
    if (o.to) q = q.where("at", "<", o.to.getTime());
    if (o.statuses?.length) q = q.where("status", "in", [...o.statuses]);
    if (o.resourceIds?.length) q = q.where("resource_id", "in", [...o.resourceIds]);
    if (cursor) q = q.where(afterCursor(["seq"], [o.order], cursor));
    const rows = await q.orderBy("seq", o.order).limit(o.limit + 1).execute();
    const page = rows.slice(0, o.limit);
    const last = page[page.length - 1];
    return { events: page.map(eventFromRow), nextToken: rows.length > o.limit && last ? encodeCursor([Number(last.seq)]) : "" };
  }
}

const eventFromRow = (r: Selectable<InstanceEventsTable>): InstanceEvent =>
  compact({
    instanceId: r.instance_id,
    timestamp: new Date(Number(r.at)),
    status: r.status,
    content: r.content,
    resourceId: orUndefined(r.resource_id),
    resourceType: orUndefined(r.resource_type),
  });

/** Upgrade and rollback history (contract: core/instances/instance-event.ts), newest first. */
export class SqlUpgradeHistoryRepository implements UpgradeHistoryRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async append(entry: UpgradeHistoryEntry): Promise<void> {
    try {
      await this.db.insertInto("instance_upgrade_history").values(historyRow(entry)).execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw new DomainError("AlreadyExists", InstanceErrorCodes.UPGRADE_HISTORY_ALREADY_EXISTS, `The upgrade history entry ${entry.id} already exists.`);
    }
  }

  async update(entry: UpgradeHistoryEntry): Promise<boolean> {
    const { id: _id, instance_id: _i, ...set } = historyRow(entry);
    const result = await this.db.updateTable("instance_upgrade_history").set(set).where("id", "=", entry.id).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: string): Promise<UpgradeHistoryEntry | undefined> {
    const row = await this.db.selectFrom("instance_upgrade_history").selectAll().where("id", "=", id).executeTakeFirst();
    return row && historyFromRow(row);
  }

  async list(instanceId: string, page: { maxResults: number; nextToken?: string }) {
    const cursor = decodeCursor(page.nextToken, ["number", "string"]);
    const base = this.db.selectFrom("instance_upgrade_history").where("instance_id", "=", instanceId);
    let q = base.selectAll();
    if (cursor) q = q.where(afterCursor(["start_time", "id"], ["desc", "desc"], cursor));
    const rows = await q.orderBy("start_time", "desc").orderBy("id", "desc").limit(page.maxResults + 1).execute();
    const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const items = rows.slice(0, page.maxResults).map(historyFromRow);
    const last = items[items.length - 1];
    const nextToken = rows.length > page.maxResults && last ? encodeCursor([last.startTime.getTime(), last.id]) : "";
    return { items, nextToken, totalCount: Number(total.n) };
  }

  async latestWith(instanceId: string, type: UpgradeHistoryEntry["type"], status: UpgradeHistoryEntry["status"]) {
    const row = await this.db
      .selectFrom("instance_upgrade_history")
      .selectAll()
      .where("instance_id", "=", instanceId)
      .where("type", "=", type)
      .where("status", "=", status)
      .orderBy("start_time", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    return row && historyFromRow(row);
  }
}

const historyRow = (e: UpgradeHistoryEntry): InstanceUpgradeHistoryTable => ({
  id: e.id,
  instance_id: e.instanceId,
  from_version: e.fromVersion,
  to_version: e.toVersion,
  type: e.type,
  status: e.status,
  start_time: e.startTime.getTime(),
  end_time: e.endTime ? e.endTime.getTime() : null,
  results_json: e.results ? JSON.stringify(e.results) : null,
  previous_parameters_json: e.previousParameters ? JSON.stringify(e.previousParameters) : null,
});

const historyFromRow = (r: InstanceUpgradeHistoryTable): UpgradeHistoryEntry =>
  compact({
    id: r.id,
    instanceId: r.instance_id,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    type: r.type as UpgradeHistoryEntry["type"],
    status: r.status as UpgradeHistoryEntry["status"],
    startTime: new Date(Number(r.start_time)),
    endTime: dateOrUndefined(r.end_time),
    results: r.results_json ? JSON.parse(r.results_json) : undefined,
    previousParameters: r.previous_parameters_json ? JSON.parse(r.previous_parameters_json) : undefined,
  });
