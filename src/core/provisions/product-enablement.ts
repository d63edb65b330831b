/**
 * An account's explicit choice about one product: enabled or disabled, by whom and when. No
 * record means the product's default (products.ts). Operators write these (nestbox products
 * enable|disable); a deployment whose template auto-enables a product writes an enabled one.
 */
export interface ProductEnablement {
  readonly accountId: string;
  /** Product code (products.ts). */
  readonly product: string;
  readonly enabled: boolean;
  /** Who decided: "operator:<accountId>", "account:<accountId>" or "auto-enable:<serviceId>". */
  readonly changedBy: string;
  readonly changedAt: Date;
}

/** Repository port. `put` replaces the account's record for that product; safe to repeat. */
export interface ProductEnablementRepository {
  get(accountId: string, product: string): Promise<ProductEnablement | undefined>;
  /** The account's records, by product code. */
  list(accountId: string): Promise<ProductEnablement[]>;
  put(enablement: ProductEnablement): Promise<void>;
}

/** For tests and tools; the server uses the SQL repository. */
export class InMemoryProductEnablementRepository implements ProductEnablementRepository {
  private readonly rows = new Map<string, ProductEnablement>();

  async get(accountId: string, product: string): Promise<ProductEnablement | undefined> {
    return this.rows.get(`${accountId}/${product}`);
  }

  async list(accountId: string): Promise<ProductEnablement[]> {
    return [...this.rows.values()].filter((r) => r.accountId === accountId).sort((a, b) => a.product.localeCompare(b.product));
  }

  async put(enablement: ProductEnablement): Promise<void> {
    this.rows.set(`${enablement.accountId}/${enablement.product}`, { ...enablement });
  }
}
