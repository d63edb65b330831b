import type { DialectName } from "./dialects/dialect.ts";

/** The few column types that differ between the dialects, for migrations. */
export const columnTypes = (dialect: DialectName) => ({
  /** epoch milliseconds */
  time: dialect === "postgres" ? ("bigint" as const) : ("integer" as const),
  /** auto-increment primary key */
  serial: dialect === "postgres" ? ("bigserial" as const) : ("integer" as const),
  bigint: dialect === "postgres" ? ("bigint" as const) : ("integer" as const),
});
