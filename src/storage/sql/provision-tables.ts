/**
 * Tables of the provisions slice (migration 20261203-0006-provisions). Times are epoch
 * milliseconds, booleans 0/1.
 */
export interface ProductEnablementsTable {
  account_id: string;
  /** Product code (core/provisions/products.ts). */
  product: string;
  /** 1 on, 0 off (an operator's explicit decision). */
  enabled: number;
  changed_by: string;
  changed_at: number;
}

export interface ProvisionTables {
  product_enablements: ProductEnablementsTable;
}
