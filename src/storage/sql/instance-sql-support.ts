import { sql, type Expression, type SqlBool } from "kysely";
import { invalidArgument } from "../../core/shared/domain-error.ts";
import { decodePageToken, encodePageToken } from "../../core/shared/page.ts";

/** Small SQL helpers of the instance repositories (keyset paging, LIKE, error classification). */

export const ms = (d: Date) => d.getTime();
export const msOrNull = (d: Date | undefined) => (d === undefined ? null : d.getTime());
export const dateOrUndefined = (n: number | null | undefined) => (n === null || n === undefined ? undefined : new Date(Number(n)));
export const orUndefined = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Drops absent optional fields, so an entity reads back exactly as it was written. */
export const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

type CursorPart = "number" | "string";

/** Keyset tokens are base64 JSON of the last row's sort key (core/shared/page.ts). */
export const encodeCursor = (key: readonly (number | string)[]): string => encodePageToken(JSON.stringify(key));

/** Throws InvalidArgument naming NextToken when the token is not a key of the given shape. */
export function decodeCursor(token: string | undefined, shape: readonly CursorPart[]): (number | string)[] | undefined {
  if (!token) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(decodePageToken(token) ?? "");
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i])) {
    throw invalidArgument("NextToken", "The specified NextToken is not valid.");
  }
  return key as (number | string)[];
}

/** Rows strictly after the cursor in the given order: (a < x) OR (a = x AND b < y) OR ... */
export function afterCursor(columns: readonly string[], directions: readonly ("asc" | "desc")[], values: readonly unknown[]): Expression<SqlBool> {
  const branches = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => sql<SqlBool>`${sql.ref(c)} = ${values[j]}`);
    const beyond = sql<SqlBool>`${sql.ref(column)} ${sql.raw(directions[i] === "desc" ? "<" : ">")} ${values[i]}`;
    return sql<SqlBool>`(${sql.join([...equal, beyond], sql` AND `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` OR `)})`;
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive substring match that behaves the same on SQLite and PostgreSQL. */
export const containsIgnoringCase = (ref: Expression<unknown>, text: string) =>
  sql<SqlBool>`lower(${ref}) LIKE ${`%${escapeLike(text.toLowerCase())}%`} ESCAPE '\\'`;

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
