import { Migrator, sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../dialects/dialect.ts";
import * as m20261123_0001_accounts from "./20261123-0001-accounts.ts";
import * as m20261123_0002_catalog from "./20261123-0002-catalog.ts";
import * as m20261123_0003_workflows from "./20261123-0003-workflows.ts";
import * as m20261123_0004_instances from "./20261123-0004-instances.ts";
import * as m20261203_0005_iam from "./20261203-0005-iam.ts";
import * as m20261203_0006_provisions from "./20261203-0006-provisions.ts";
import * as m20261203_0007_eas from "./20261203-0007-eas.ts";
import * as m20261203_0008_market from "./20261203-0008-market.ts";
import * as m20261203_0009_servicestage from "./20261203-0009-servicestage.ts";
import * as m20261203_0010_instance_counts from "./20261203-0010-instance-counts.ts";
import * as m20261203_0011_workflow_node from "./20261203-0011-workflow-node.ts";
import * as m20261203_0012_login_profiles from "./20261203-0012-login-profiles.ts";

/**
 * Append-only, ordered by name; a released migration is never edited (add a new one).
 * Each module exports `up(db, dialect)`; the dialect is passed for the few types that differ.
 */
type MigrationModule = { up(db: Kysely<any>, dialect: DialectName): Promise<void> };

const MIGRATIONS: Record<string, MigrationModule> = {
  "20261123-0001-accounts": m20261123_0001_accounts,
  "20261123-0002-catalog": m20261123_0002_catalog,
  "20261123-0003-workflows": m20261123_0003_workflows,
  "20261123-0004-instances": m20261123_0004_instances,
  "20261203-0005-iam": m20261203_0005_iam,
  "20261203-0006-provisions": m20261203_0006_provisions,
  "20261203-0007-eas": m20261203_0007_eas,
  "20261203-0008-market": m20261203_0008_market,
  "20261203-0009-servicestage": m20261203_0009_servicestage,
  "20261203-0010-instance-counts": m20261203_0010_instance_counts,
  "20261203-0011-workflow-node": m20261203_0011_workflow_node,
  "20261203-0012-login-profiles": m20261203_0012_login_profiles,
};

export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, mod] of Object.entries(MIGRATIONS)) migrations[name] = { up: (d) => mod.up(d, dialect) };
  // Kysely looks for its bookkeeping tables in every schema unless told which one; pin it to ours so
  // another schema's (another store or suite in the same database) is not mistaken for this one's.
  const migrationTableSchema =
    dialect === "postgres"
      ? ((await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined)
      : undefined;
  const migrator = new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Migration ${failed ?? "?"} failed: ${(error as Error).message ?? error}`);
  }
}
