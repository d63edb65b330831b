import type { Kysely } from "kysely";

/**
 * Workflows pinned to a node: a workflow on host-local resources (the local driver's replicas)
 * may only be claimed by the nestbox process whose data directory holds them.
 * Released: never edit, add a migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workflows").addColumn("node_id", "text").execute();
}
