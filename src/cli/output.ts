export type OutputFormat = "json" | "table";

/** Where the CLI writes; tests capture it instead of the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
};

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => unknown;
}

/** JSON: the data as is, indented. Table: one aligned line per row under upper-case headers. */
export function printRows<T>(io: CliIo, format: OutputFormat, data: unknown, rows: readonly T[], columns: readonly Column<T>[]): void {
  if (format === "json") {
    io.stdout(JSON.stringify(data, null, 2) + "\n");
    return;
  }
  const cells = rows.map((row) => columns.map((c) => formatCell(c.value(row))));
  const headers = columns.map((c) => c.header.toUpperCase());
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join("  ");
  io.stdout([line(headers), ...cells.map(line)].join("\n") + "\n");
}

/** One object: JSON as is, or a two-column key/value table. */
export function printObject(io: CliIo, format: OutputFormat, data: Record<string, unknown>): void {
  if (format === "json") {
    io.stdout(JSON.stringify(data, null, 2) + "\n");
    return;
  }
  const entries = Object.entries(data).filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  io.stdout(entries.map(([k, v]) => `${k.padEnd(width)}  ${formatCell(v)}`).join("\n") + "\n");
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
