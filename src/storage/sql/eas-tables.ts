import type { Generated } from "kysely";

/**
 * Tables of the EAS slice (migration 20261203-0007-eas). Times are epoch milliseconds,
 * booleans 0/1, documents JSON text. Columns ListServices filters or sorts on are real columns;
 * the rest of an EasService is one JSON document (body_json).
 */
export interface EasServicesTable {
  /** eas-m- + 20 hex */
  id: string;
  account_id: string;
  region_id: string;
  name: string;
  status: string;
  service_type: string;
  role: string;
  service_group: string;
  workspace_id: string;
  caller_uid: string;
  autoscaler_enabled: number;
  cronscaler_enabled: number;
  /** JSON of every other EasService field (eas-service-repository.ts). */
  body_json: string;
  created_at: number;
  /** Compare-and-set token of EasServiceRepository.update. */
  updated_at: number;
}

export interface EasServiceLabelsTable {
  service_id: string;
  label_key: string;
  label_value: string;
}

export interface EasServiceVersionsTable {
  service_id: string;
  version: number;
  spec_json: string;
  message: string;
  created_at: number;
}

export interface EasServiceEventsTable {
  seq: Generated<number>;
  service_id: string;
  at: number;
  type: string;
  reason: string;
  resource: string;
  instance_name: string | null;
  message: string;
}

export interface EasTables {
  eas_services: EasServicesTable;
  eas_service_labels: EasServiceLabelsTable;
  eas_service_versions: EasServiceVersionsTable;
  eas_service_events: EasServiceEventsTable;
}
