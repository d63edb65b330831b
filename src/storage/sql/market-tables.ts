import type { Generated } from "kysely";

/**
 * Tables of the Marketplace (migration 20261203-0008-market). Times are epoch milliseconds;
 * columns that lists filter or sort on are real columns with indexes, the rest of each entity
 * is one JSON document (body_json).
 */
export interface MarketProductsTable {
  code: string;
  supplier_account_id: string;
  type: string;
  name: string;
  body_json: string;
  created_at: number;
  updated_at: number;
}

export interface MarketOrdersTable {
  id: string;
  account_id: string;
  pay_status: string;
  /** CreateOrder idempotency; unique per account (NULLs never collide). */
  client_token: string | null;
  request_hash: string | null;
  body_json: string;
  created_at: number;
}

export interface MarketInstancesTable {
  id: string;
  account_id: string;
  supplier_account_id: string;
  product_code: string;
  product_type: string;
  status: string;
  /** market-instance.ts dueAt: the next time-driven event; NULL once CLOSED. */
  due_at: number | null;
  /** 1 while the linked service instance is not in step (reconcilePending). */
  pending: number;
  body_json: string;
  created_at: number;
  /** Compare-and-set token. */
  updated_at: number;
}

export interface MarketLicensesTable {
  code: string;
  instance_id: string;
  status: string;
  body_json: string;
}

export interface MarketMeteringTable {
  seq: Generated<number>;
  instance_id: string;
  supplier_account_id: string;
  item: string;
  metering_key: string;
  value: number;
  start_time: number;
  end_time: number;
  serial_no: string | null;
  pushed_at: number;
}

export interface MarketTables {
  market_products: MarketProductsTable;
  market_orders: MarketOrdersTable;
  market_instances: MarketInstancesTable;
  market_licenses: MarketLicensesTable;
  market_metering: MarketMeteringTable;
}
