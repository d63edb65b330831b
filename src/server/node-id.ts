import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * This process's node id, kept in `<data dir>/node-id`: the data directory holds the local
 * driver's replicas, so the id names where they run. Workflows on them are pinned to it when
 * several nestbox processes share one PostgreSQL store.
 */
export function loadOrCreateNodeId(dataDir: string): string {
  const file = join(dataDir, "node-id");
  try {
    const id = readFileSync(file, "utf8").trim();
    if (id) return id;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const id = `node-${randomUUID()}`;
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
