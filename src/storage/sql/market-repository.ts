import type { Kysely, Transaction } from "kysely";
import type { MarketInstance, MarketLicense, MarketOrder, MeteringRecord } from "../../core/market/market-instance.ts";
import { MarketErrorCodes } from "../../core/market/market-errors.ts";
import type { InstanceQuery, MarketRepository, OrderWrites, ProductQuery } from "../../core/market/market-repository.ts";
import type { MarketProduct } from "../../core/market/product.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { Page } from "../../core/shared/page.ts";
import { containsIgnoringCase, isUniqueViolation } from "./instance-sql-support.ts";
import { instanceFromRow, instanceRow, licenseFromRow, licenseRow, orderFromRow, orderRow, productFromRow, productRow } from "./market-rows.ts";
import type { DB } from "./schema.ts";

type Db = Kysely<DB> | Transaction<DB>;

const lostRace = () => new DomainError("Conflict", MarketErrorCodes.MARKET_CONCURRENT_UPDATE, "The instance was changed by another request; try again.");

/**
 * The Marketplace on SQLite and PostgreSQL (contract: core/market/market-repository.ts).
 * DescribeInstances pages walk the (account_id, created_at, id) index; the sweeper's queues
 * read the due_at and pending indexes, so a sweep costs what is due, not the table.
 */
export class SqlMarketRepository implements MarketRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async putProduct(product: MarketProduct): Promise<void> {
    const row = productRow(product);
    const { code: _c, created_at: _t, ...set } = row;
    await this.db.insertInto("market_products").values(row).onConflict((oc) => oc.column("code").doUpdateSet(set)).execute();
  }

  async getProduct(code: string): Promise<MarketProduct | undefined> {
    const row = await this.db.selectFrom("market_products").selectAll().where("code", "=", code).executeTakeFirst();
    return row && productFromRow(row);
  }

  async listProducts(query: ProductQuery, page: { pageNumber: number; pageSize: number }): Promise<Page<MarketProduct>> {
    let q = this.db.selectFrom("market_products");
    if (query.productType) q = q.where("type", "=", query.productType);
    if (query.supplierAccountId) q = q.where("supplier_account_id", "=", query.supplierAccountId);
    if (query.searchTerm) q = q.where((eb) => eb.or([containsIgnoringCase(eb.ref("name"), query.searchTerm!), containsIgnoringCase(eb.ref("code"), query.searchTerm!)]));
    const rows = await q.selectAll().orderBy("created_at", "asc").orderBy("code", "asc").limit(page.pageSize).offset((page.pageNumber - 1) * page.pageSize).execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { items: rows.map(productFromRow), nextToken: "", totalCount: Number(total.n) };
  }

  async createOrder(order: MarketOrder, writes: OrderWrites, idempotency?: { clientToken: string; requestHash: string }): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto("market_orders").values(orderRow(order, idempotency)).execute();
        await applyWrites(trx, writes);
      });
    } catch (e) {
      if (idempotency && isUniqueViolation(e) && (await this.getOrderByClientToken(order.accountId, idempotency.clientToken))) {
        throw new DomainError("AlreadyExists", MarketErrorCodes.MARKET_CLIENT_TOKEN_MISMATCH, "The ClientToken was already used for another order.");
      }
      throw e;
    }
  }

  async getOrder(id: string): Promise<MarketOrder | undefined> {
    const row = await this.db.selectFrom("market_orders").selectAll().where("id", "=", id).executeTakeFirst();
    return row && orderFromRow(row);
  }

  async getOrderByClientToken(accountId: string, clientToken: string): Promise<{ order: MarketOrder; requestHash: string } | undefined> {
    const row = await this.db.selectFrom("market_orders").selectAll().where("account_id", "=", accountId).where("client_token", "=", clientToken).executeTakeFirst();
    return row && { order: orderFromRow(row), requestHash: row.request_hash ?? "" };
  }

  async payOrder(order: MarketOrder, writes: OrderWrites): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { id: _i, account_id: _a, client_token: _c, request_hash: _h, created_at: _t, ...set } = orderRow(order);
      const result = await trx.updateTable("market_orders").set(set).where("id", "=", order.id).where("pay_status", "=", "UNPAID").executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw lostRace();
      await applyWrites(trx, writes);
    });
  }

  async getInstance(id: string): Promise<MarketInstance | undefined> {
    const row = await this.db.selectFrom("market_instances").selectAll().where("id", "=", id).executeTakeFirst();
    return row && instanceFromRow(row);
  }

  async updateInstance(instance: MarketInstance, expectedUpdatedAt: Date): Promise<boolean> {
    return casInstance(this.db, instance, expectedUpdatedAt);
  }

  async listInstances(query: InstanceQuery, page: { pageNumber: number; pageSize: number }): Promise<Page<MarketInstance>> {
    let q = this.db.selectFrom("market_instances");
    if (query.accountId !== undefined) q = q.where("account_id", "=", query.accountId);
    if (query.supplierAccountId !== undefined) q = q.where("supplier_account_id", "=", query.supplierAccountId);
    if (query.productType) q = q.where("product_type", "=", query.productType);
    if (query.codes?.length) q = q.where("product_code", "in", [...query.codes]);
    if (query.exceptCodes?.length) q = q.where("product_code", "not in", [...query.exceptCodes]);
    const rows = await q.selectAll().orderBy("created_at", "desc").orderBy("id", "desc").limit(page.pageSize).offset((page.pageNumber - 1) * page.pageSize).execute();
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { items: rows.map(instanceFromRow), nextToken: "", totalCount: Number(total.n) };
  }

  async listDue(now: Date, limit: number): Promise<MarketInstance[]> {
    const rows = await this.db
      .selectFrom("market_instances")
      .selectAll()
      .where("due_at", "is not", null)
      .where("due_at", "<=", now.getTime())
      .orderBy("due_at", "asc")
      .orderBy("id", "asc")
      .limit(limit)
      .execute();
    return rows.map(instanceFromRow);
  }

  async listPending(limit: number): Promise<MarketInstance[]> {
    const rows = await this.db.selectFrom("market_instances").selectAll().where("pending", "=", 1).orderBy("updated_at", "asc").limit(limit).execute();
    return rows.map(instanceFromRow);
  }

  async getLicense(code: string): Promise<MarketLicense | undefined> {
    const row = await this.db.selectFrom("market_licenses").selectAll().where("code", "=", code).executeTakeFirst();
    return row && licenseFromRow(row);
  }

  async activateLicense(license: MarketLicense): Promise<boolean> {
    const { code: _c, ...set } = licenseRow(license);
    const result = await this.db.updateTable("market_licenses").set(set).where("code", "=", license.code).where("status", "=", "INACTIVATED").executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addMetering(records: readonly MeteringRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db
      .insertInto("market_metering")
      .values(
        records.map((r) => ({
          instance_id: r.instanceId,
          supplier_account_id: r.supplierAccountId,
          item: r.item,
          metering_key: r.key,
          value: r.value,
          start_time: r.startTime.getTime(),
          end_time: r.endTime.getTime(),
          serial_no: r.serialNo ?? null,
          pushed_at: r.pushedAt.getTime(),
        })),
      )
      .execute();
  }

  async listMetering(instanceId: string, from: Date, to: Date): Promise<MeteringRecord[]> {
    const rows = await this.db
      .selectFrom("market_metering")
      .selectAll()
      .where("instance_id", "=", instanceId)
      .where("start_time", ">=", from.getTime())
      .where("start_time", "<", to.getTime())
      .orderBy("start_time", "asc")
      .orderBy("seq", "asc")
      .execute();
    return rows.map((r) => ({
      instanceId: r.instance_id,
      supplierAccountId: r.supplier_account_id,
      item: r.item,
      key: r.metering_key,
      value: Number(r.value),
      startTime: new Date(Number(r.start_time)),
      endTime: new Date(Number(r.end_time)),
      serialNo: r.serial_no ?? undefined,
      pushedAt: new Date(Number(r.pushed_at)),
    }));
  }
}

async function applyWrites(trx: Db, writes: OrderWrites): Promise<void> {
  if (writes.insertInstances.length) await trx.insertInto("market_instances").values(writes.insertInstances.map(instanceRow)).execute();
  for (const { instance, expectedUpdatedAt } of writes.updateInstances) {
    if (!(await casInstance(trx, instance, expectedUpdatedAt))) throw lostRace();
  }
  if (writes.insertLicenses.length) await trx.insertInto("market_licenses").values(writes.insertLicenses.map(licenseRow)).execute();
}

async function casInstance(db: Db, instance: MarketInstance, expectedUpdatedAt: Date): Promise<boolean> {
  const { id: _i, created_at: _c, ...set } = instanceRow(instance);
  const result = await db.updateTable("market_instances").set(set).where("id", "=", instance.id).where("updated_at", "=", expectedUpdatedAt.getTime()).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
