import type { MarketInstance, MarketLicense, MarketOrder } from "../../core/market/market-instance.ts";
import { dueAt } from "../../core/market/market-instance.ts";
import type { MarketProduct } from "../../core/market/product.ts";
import type { MarketInstancesTable, MarketLicensesTable, MarketOrdersTable, MarketProductsTable } from "./market-tables.ts";

/** Row <-> entity mapping of the Marketplace tables; Date fields inside body_json are epoch milliseconds. */

type Dated = Record<string, unknown>;

function encode(entity: object, dateKeys: readonly string[], columns: readonly string[]): string {
  const out: Dated = {};
  for (const [k, v] of Object.entries(entity)) {
    if (v === undefined || columns.includes(k)) continue;
    out[k] = dateKeys.includes(k) && v instanceof Date ? v.getTime() : v;
  }
  return JSON.stringify(out);
}

function decode(json: string, dateKeys: readonly string[]): Dated {
  const body = JSON.parse(json) as Dated;
  for (const k of dateKeys) if (typeof body[k] === "number") body[k] = new Date(body[k] as number);
  return body;
}

const INSTANCE_DATES = ["beganOn", "endOn", "expiredAt", "closeAfter", "closedAt"] as const;
const INSTANCE_COLUMNS = ["id", "accountId", "supplierAccountId", "productCode", "productType", "status", "reconcilePending", "createdAt", "updatedAt"];

export function instanceRow(i: MarketInstance): MarketInstancesTable {
  return {
    id: i.id,
    account_id: i.accountId,
    supplier_account_id: i.supplierAccountId,
    product_code: i.productCode,
    product_type: i.productType,
    status: i.status,
    due_at: dueAt(i)?.getTime() ?? null,
    pending: i.reconcilePending ? 1 : 0,
    body_json: encode(i, INSTANCE_DATES, INSTANCE_COLUMNS),
    created_at: i.createdAt.getTime(),
    updated_at: i.updatedAt.getTime(),
  };
}

export function instanceFromRow(r: MarketInstancesTable): MarketInstance {
  return {
    ...(decode(r.body_json, INSTANCE_DATES) as object),
    id: r.id,
    accountId: r.account_id,
    supplierAccountId: r.supplier_account_id,
    productCode: r.product_code,
    productType: r.product_type,
    status: r.status,
    reconcilePending: Number(r.pending) === 1,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  } as MarketInstance;
}

const ORDER_DATES = ["paidAt"] as const;

export function orderRow(o: MarketOrder, idempotency?: { clientToken: string; requestHash: string }): MarketOrdersTable {
  return {
    id: o.id,
    account_id: o.accountId,
    pay_status: o.payStatus,
    client_token: idempotency?.clientToken ?? null,
    request_hash: idempotency?.requestHash ?? null,
    body_json: encode(o, ORDER_DATES, ["id", "accountId", "payStatus", "createdAt"]),
    created_at: o.createdAt.getTime(),
  };
}

export function orderFromRow(r: MarketOrdersTable): MarketOrder {
  return {
    ...(decode(r.body_json, ORDER_DATES) as object),
    id: r.id,
    accountId: r.account_id,
    payStatus: r.pay_status,
    createdAt: new Date(Number(r.created_at)),
  } as MarketOrder;
}

const LICENSE_DATES = ["createdAt", "activatedAt"] as const;

export function licenseRow(l: MarketLicense): MarketLicensesTable {
  return { code: l.code, instance_id: l.instanceId, status: l.status, body_json: encode(l, LICENSE_DATES, ["code", "instanceId", "status"]) };
}

export function licenseFromRow(r: MarketLicensesTable): MarketLicense {
  return { ...(decode(r.body_json, LICENSE_DATES) as object), code: r.code, instanceId: r.instance_id, status: r.status } as MarketLicense;
}

export function productRow(p: MarketProduct): MarketProductsTable {
  return {
    code: p.code,
    supplier_account_id: p.supplierAccountId,
    type: p.type,
    name: p.name,
    body_json: encode(p, [], ["code", "supplierAccountId", "type", "name", "createdAt", "updatedAt"]),
    created_at: p.createdAt.getTime(),
    updated_at: p.updatedAt.getTime(),
  };
}

export function productFromRow(r: MarketProductsTable): MarketProduct {
  return {
    ...(JSON.parse(r.body_json) as object),
    code: r.code,
    supplierAccountId: r.supplier_account_id,
    type: r.type,
    name: r.name,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  } as MarketProduct;
}
