import type { Kysely, Transaction } from "kysely";
import { InstanceErrorCodes } from "../../core/instances/instance-errors.ts";
import type { InstanceFilter, InstanceRepository } from "../../core/instances/instance-repository.ts";
import type { ServiceInstance } from "../../core/instances/service-instance.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { Page, PageRequest } from "../../core/shared/page.ts";
import { instanceFromRow, instanceRow } from "./instance-rows.ts";
import { afterCursor, containsIgnoringCase, decodeCursor, encodeCursor, isUniqueViolation } from "./instance-sql-support.ts";
import type { DB } from "./schema.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Service instances on SQLite and PostgreSQL (contract: core/instances/instance-repository.ts).
 *
 * Cost of a list page: rows come newest first from the (account_id | supplier_account_id,
 * created_at, id) indexes (or the status variants), keyset-continued, so a page reads about
 * MaxResults rows plus those the other filters skip, at any depth. TotalCount of the common
 * filters (owner, service, status) is a sum over trigger-kept counter rows (migration 0010),
 * so it costs the same at any size; other filters (name, tag, ids...) COUNT the caller's
 * matching slice of the index.
 */
export class SqlInstanceRepository implements InstanceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(instance: ServiceInstance, idempotency?: { clientToken: string; requestHash: string }): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto("instances").values(instanceRow(instance, idempotency)).execute();
        await writeTags(trx, instance);
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (idempotency && (await this.getByClientToken(instance.accountId, idempotency.clientToken))) {
        throw new DomainError("AlreadyExists", InstanceErrorCodes.CLIENT_TOKEN_TAKEN, "The ClientToken was already used for another service instance.");
      }
      throw new DomainError("AlreadyExists", InstanceErrorCodes.SERVICE_INSTANCE_ALREADY_EXISTS, `The service instance ${instance.id} already exists.`);
    }
  }

  async get(id: string): Promise<ServiceInstance | undefined> {
    const row = await this.db.selectFrom("instances").selectAll().where("id", "=", id).executeTakeFirst();
    return row && instanceFromRow(row);
  }

  async getByMarketInstanceId(marketInstanceId: string): Promise<ServiceInstance | undefined> {
    const row = await this.db
      .selectFrom("instances")
      .selectAll()
      .where("market_instance_id", "=", marketInstanceId)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    return row && instanceFromRow(row);
  }

  async getByClientToken(accountId: string, clientToken: string): Promise<{ instance: ServiceInstance; requestHash: string } | undefined> {
    const row = await this.db
      .selectFrom("instances")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("client_token", "=", clientToken)
      .executeTakeFirst();
    return row && { instance: instanceFromRow(row), requestHash: row.request_hash ?? "" };
  }

  async update(instance: ServiceInstance, expectedUpdatedAt?: Date): Promise<boolean> {
    const { id: _id, client_token: _t, request_hash: _h, created_at: _c, ...set } = instanceRow(instance);
    return this.db.transaction().execute(async (trx) => {
      let q = trx.updateTable("instances").set(set).where("id", "=", instance.id);
      if (expectedUpdatedAt) q = q.where("updated_at", "=", expectedUpdatedAt.getTime());
      const result = await q.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom("instance_tags").where("instance_id", "=", instance.id).execute();
      await writeTags(trx, instance);
      return true;
    });
  }

  async list(filter: InstanceFilter, page: PageRequest): Promise<Page<ServiceInstance>> {
    const cursor = decodeCursor(page.nextToken, ["number", "string"]);
    const filtered = this.filtered(filter);
    let rowsQ = filtered.selectAll("i");
    if (cursor) rowsQ = rowsQ.where(afterCursor(["i.created_at", "i.id"], ["desc", "desc"], cursor));
    const rows = await rowsQ.orderBy("i.created_at", "desc").orderBy("i.id", "desc").limit(page.maxResults + 1).execute();
    const total = (await this.countFromCounters(filter)) ?? (await filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow());
    const items = rows.slice(0, page.maxResults).map(instanceFromRow);
    const last = items[items.length - 1];
    const nextToken = rows.length > page.maxResults && last ? encodeCursor([last.createdAt.getTime(), last.id]) : "";
    return { items, nextToken, totalCount: Number(total.n) };
  }

  /** The filter's TotalCount from instance_counts, or undefined when it filters on more than they key. */
  private async countFromCounters(f: InstanceFilter): Promise<{ n: number } | undefined> {
    const { accountId, supplierAccountId, serviceIds, statuses, includeDeleted, ...others } = f;
    if (Object.values(others).some((v) => v !== undefined)) return undefined;
    const [side, owner] = accountId !== undefined ? ["a", accountId] : supplierAccountId !== undefined ? ["s", supplierAccountId] : [];
    if (!side || !owner || (accountId !== undefined && supplierAccountId !== undefined)) return undefined;
    let q = this.db.selectFrom("instance_counts").where("side", "=", side).where("owner_id", "=", owner);
    if (serviceIds?.length) q = q.where("service_id", "in", [...serviceIds]);
    if (statuses?.length) q = q.where("status", "in", [...statuses]);
    if (!includeDeleted) q = q.where("status", "!=", "Deleted");
    const row = await q.select((eb) => eb.fn.coalesce(eb.fn.sum<number>("n"), eb.val(0)).as("n")).executeTakeFirstOrThrow();
    return { n: Number(row.n) };
  }

  async listPendingOperations(limit: number): Promise<ServiceInstance[]> {
    const rows = await this.db
      .selectFrom("instances")
      .selectAll()
      .where("pending_at", "is not", null)
      .orderBy("pending_at", "asc")
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
    return rows.map(instanceFromRow);
  }

  private filtered(f: InstanceFilter) {
    let q = this.db.selectFrom("instances as i");
    if (f.accountId !== undefined) q = q.where("i.account_id", "=", f.accountId);
    if (f.accountIds?.length) q = q.where("i.account_id", "in", [...f.accountIds]);
    if (f.supplierAccountId !== undefined) q = q.where("i.supplier_account_id", "=", f.supplierAccountId);
    if (f.regionId !== undefined) q = q.where("i.region_id", "=", f.regionId);
    if (f.ids?.length) q = q.where("i.id", "in", [...f.ids]);
    if (f.serviceIds?.length) q = q.where("i.service_id", "in", [...f.serviceIds]);
    if (f.versions?.length) q = q.where("i.service_version", "in", [...f.versions]);
    if (f.statuses?.length) q = q.where("i.status", "in", [...f.statuses]);
    if (f.serviceTypes?.length) q = q.where("i.service_type", "in", [...f.serviceTypes]);
    if (f.enableInstanceOps !== undefined) q = q.where("i.enable_instance_ops", "=", f.enableInstanceOps ? 1 : 0);
    if (f.resourceGroupId !== undefined) q = q.where("i.resource_group_id", "=", f.resourceGroupId);
    if (!f.includeDeleted) q = q.where("i.status", "!=", "Deleted");
    if (f.names?.length === 1) q = q.where((eb) => containsIgnoringCase(eb.ref("i.name"), f.names![0]!));
    else if (f.names?.length) q = q.where("i.name", "in", [...f.names]);
    for (const tag of f.tags ?? []) {
      q = q.where(({ exists, selectFrom }) => {
        let t = selectFrom("instance_tags as t").select("t.instance_id").whereRef("t.instance_id", "=", "i.id").where("t.tag_key", "=", tag.key);
        if (tag.value !== undefined) t = t.where("t.tag_value", "=", tag.value);
        return exists(t);
      });
    }
    return q;
  }
}

async function writeTags(db: Db, instance: ServiceInstance): Promise<void> {
  if (instance.tags.length === 0) return;
  await db
    .insertInto("instance_tags")
    .values(instance.tags.map((t) => ({ instance_id: instance.id, tag_key: t.key, tag_value: t.value })))
    .execute();
}
