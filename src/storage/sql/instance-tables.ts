import type { Generated } from "kysely";

/**
 * Tables of the instance slice (migration 20261123-0004-instances). Times are epoch
 * milliseconds, booleans 0/1, documents JSON text. Columns that lists filter or sort on are real
 * columns with indexes; the rest of a ServiceInstance is one JSON document (body_json).
 */
export interface InstancesTable {
  /** si- + 20 hex */
  id: string;
  /** The customer (owner). */
  account_id: string;
  /** The service owner's account (supplier views). */
  supplier_account_id: string;
  /** Deployment region. */
  region_id: string;
  name: string;
  service_id: string;
  service_version: string;
  status: string;
  service_type: string;
  enable_instance_ops: number;
  resource_group_id: string | null;
  market_instance_id: string | null;
  /** CreateServiceInstance idempotency; unique per account (NULLs never collide). */
  client_token: string | null;
  request_hash: string | null;
  /** currentOperation.requestedAt while its workflow is not attached; NULL otherwise (recovery index). */
  pending_at: number | null;
  /** JSON of every other ServiceInstance field (instance-repository.ts). */
  body_json: string;
  created_at: number;
  /** Compare-and-set token of InstanceRepository.update. */
  updated_at: number;
  deleted_at: number | null;
}

export interface InstanceTagsTable {
  instance_id: string;
  tag_key: string;
  tag_value: string;
}

export interface InstanceEventsTable {
  /** Append order (assigned by the database); the keyset of ListServiceInstanceLogs. */
  seq: Generated<number>;
  instance_id: string;
  at: number;
  status: string;
  content: string;
  resource_id: string | null;
  resource_type: string | null;
}

export interface InstanceUpgradeHistoryTable {
  id: string;
  instance_id: string;
  from_version: string;
  to_version: string;
  type: string;
  status: string;
  start_time: number;
  end_time: number | null;
  results_json: string | null;
  previous_parameters_json: string | null;
}

/** Maintained by triggers (migration 0010): side 'a' = owning account, 's' = supplier account. */
export interface InstanceCountsTable {
  side: string;
  owner_id: string;
  service_id: string;
  status: string;
  n: number;
}

export interface InstanceTables {
  instances: InstancesTable;
  instance_counts: InstanceCountsTable;
  instance_tags: InstanceTagsTable;
  instance_events: InstanceEventsTable;
  instance_upgrade_history: InstanceUpgradeHistoryTable;
}
