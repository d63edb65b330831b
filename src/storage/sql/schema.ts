/**
 * Kysely table types. Each slice declares its tables in its own file and adds them here,
 * so one `Kysely<DB>` types every query. Times are epoch milliseconds (BIGINT), booleans are
 * 0/1 integers and documents are JSON text, so one set of queries serves SQLite and PostgreSQL.
 */
import type { AccountTables } from "./account-tables.ts";
import type { CatalogTables } from "./catalog-tables.ts";
import type { EasTables } from "./eas-tables.ts";
import type { IamTables } from "./iam-tables.ts";
import type { InstanceTables } from "./instance-tables.ts";
import type { MarketTables } from "./market-tables.ts";
import type { ProvisionTables } from "./provision-tables.ts";
import type { ServiceStageTables } from "./servicestage-tables.ts";
import type { WorkflowTables } from "./workflow-tables.ts";

export interface DB extends AccountTables, CatalogTables, WorkflowTables, InstanceTables, IamTables, ServiceStageTables, ProvisionTables, EasTables, MarketTables {}
