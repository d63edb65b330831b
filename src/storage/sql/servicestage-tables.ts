/**
 * Tables of the ServiceStage slice (migration 20261203-0009-servicestage). Columns that lists
 * filter, sort or keep unique are real columns; the rest of each object is JSON (body_json).
 * Times are epoch milliseconds.
 */
interface ScopedRow {
  id: string;
  project_id: string;
  name: string;
  created_at: number;
  updated_at: number;
  body_json: string;
}

export interface SsApplicationsTable extends ScopedRow {}
export interface SsEnvironmentsTable extends ScopedRow {}
export interface SsComponentsTable extends ScopedRow {
  application_id: string;
}
export interface SsInstancesTable extends ScopedRow {
  application_id: string;
  component_id: string;
  environment_id: string;
}

export interface SsAppConfigurationsTable {
  project_id: string;
  application_id: string;
  environment_id: string;
  env_json: string;
}

export interface SsSnapshotsTable {
  instance_id: string;
  version: string;
  created_at: number;
  body_json: string;
}

export interface SsJobsTable {
  id: string;
  project_id: string;
  instance_id: string;
  status: string;
  created_at: number;
  updated_at: number;
  body_json: string;
}

export interface SsJobTasksTable {
  job_id: string;
  task_id: string;
  task_index: number;
  body_json: string;
}

export interface ServiceStageTables {
  ss_applications: SsApplicationsTable;
  ss_environments: SsEnvironmentsTable;
  ss_components: SsComponentsTable;
  ss_instances: SsInstancesTable;
  ss_app_configurations: SsAppConfigurationsTable;
  ss_snapshots: SsSnapshotsTable;
  ss_jobs: SsJobsTable;
  ss_job_tasks: SsJobTasksTable;
}
