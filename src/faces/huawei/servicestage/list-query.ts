import { invalidParam } from "../../../core/servicestage/servicestage-errors.ts";
import type { ListQuery } from "../../../core/servicestage/servicestage-model.ts";

/** limit (0-100), offset (>= 0), order_by (create_time|update_time|name), order (asc|desc) (B.1). */
export function readListQuery(query: Readonly<Record<string, string>>, orderByValues: readonly string[] = ["create_time", "update_time", "name"]): ListQuery {
  const limit = intParam(query, "limit", 0, 100);
  const offset = intParam(query, "offset", 0, Number.MAX_SAFE_INTEGER);
  const orderBy = query.order_by;
  if (orderBy !== undefined && orderBy !== "" && !orderByValues.includes(orderBy)) throw invalidParam("order_by", `order_by must be one of ${orderByValues.join(", ")}.`);
  const order = query.order;
  if (order !== undefined && order !== "" && order !== "asc" && order !== "desc") throw invalidParam("order", "order must be asc or desc.");
  return {
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
    ...(orderBy ? { orderBy: orderBy as ListQuery["orderBy"] } : {}),
    ...(order ? { order: order as "asc" | "desc" } : {}),
  };
}

export function intParam(query: Readonly<Record<string, string>>, name: string, min: number, max: number): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw invalidParam(name, `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  return n;
}

export function boolParam(query: Readonly<Record<string, string>>, name: string): boolean | undefined {
  const raw = query[name];
  if (raw === undefined || raw === "") return undefined;
  if (raw !== "true" && raw !== "false") throw invalidParam(name, `${name} must be true or false.`);
  return raw === "true";
}
