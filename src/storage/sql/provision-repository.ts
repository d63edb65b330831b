import type { Kysely, Selectable } from "kysely";
import type { ProductEnablement, ProductEnablementRepository } from "../../core/provisions/product-enablement.ts";
import type { ProductEnablementsTable } from "./provision-tables.ts";
import type { DB } from "./schema.ts";

/** ProductEnablementRepository over one Kysely handle (SQLite or PostgreSQL); `put` is an upsert. */
export class SqlProductEnablementRepository implements ProductEnablementRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(accountId: string, product: string): Promise<ProductEnablement | undefined> {
    const row = await this.db
      .selectFrom("product_enablements")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("product", "=", product)
      .executeTakeFirst();
    return row && toEnablement(row);
  }

  async list(accountId: string): Promise<ProductEnablement[]> {
    const rows = await this.db.selectFrom("product_enablements").selectAll().where("account_id", "=", accountId).orderBy("product").execute();
    return rows.map(toEnablement);
  }

  async put(e: ProductEnablement): Promise<void> {
    const values = { enabled: e.enabled ? 1 : 0, changed_by: e.changedBy, changed_at: e.changedAt.getTime() };
    await this.db
      .insertInto("product_enablements")
      .values({ account_id: e.accountId, product: e.product, ...values })
      .onConflict((oc) => oc.columns(["account_id", "product"]).doUpdateSet(values))
      .execute();
  }
}

function toEnablement(row: Selectable<ProductEnablementsTable>): ProductEnablement {
  return {
    accountId: row.account_id,
    product: row.product,
    enabled: Number(row.enabled) === 1,
    changedBy: row.changed_by,
    changedAt: new Date(Number(row.changed_at)),
  };
}
