/**
 * Tables of the catalog slice (migration 20261123-0002-catalog). Times are epoch milliseconds,
 * booleans 0/1, lists and documents JSON text.
 */
export interface CatalogServicesTable {
  /** service- + 20 hex */
  id: string;
  owner_account_id: string;
  region_id: string;
  share_type: string;
  approval_type: string;
  resource_group_id: string | null;
  /** JSON [{key, value}] in the caller's order; catalog_service_tags indexes them. */
  tags_json: string;
  default_version: string;
  last_version_number: number;
  has_draft: number;
  client_token: string | null;
  request_hash: string | null;
  /** Compare-and-set counter of CatalogRepository.write. */
  revision: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface CatalogServiceVersionsTable {
  service_id: string;
  /** "draft" or "1", "2", ... */
  version: string;
  /** 0 for the draft, else the version number. */
  seq: number;
  status: string;
  /** "\u0001" + lower-cased ServiceInfo names joined by "\u0001" + "\u0001", for name filters. */
  search_text: string;
  /** JSON of the ServiceContent fields (deployType, serviceInfos, metadata texts, ...). */
  content_json: string;
  /** JSON {templateName: body}: the templates captured when the content was written. */
  templates_json: string;
  /** JSON [category]. */
  categories_json: string;
  status_detail: string | null;
  registration_id: string | null;
  created_at: number;
  updated_at: number;
  published_at: number | null;
  deleted_at: number | null;
}

export interface CatalogServiceTagsTable {
  service_id: string;
  tag_key: string;
  tag_value: string;
}

export interface CatalogSharedAccountsTable {
  service_id: string;
  account_id: string;
  permission: string;
  created_at: number;
  updated_at: number;
}

export interface CatalogRegistrationsTable {
  /** sr- + 20 hex */
  id: string;
  service_id: string;
  owner_account_id: string;
  version: string;
  status: string;
  comment: string | null;
  submitted_at: number;
  finished_at: number | null;
  updated_at: number;
}

export interface CatalogTables {
  catalog_services: CatalogServicesTable;
  catalog_service_versions: CatalogServiceVersionsTable;
  catalog_service_tags: CatalogServiceTagsTable;
  catalog_shared_accounts: CatalogSharedAccountsTable;
  catalog_registrations: CatalogRegistrationsTable;
}
