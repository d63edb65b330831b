import type { Page, PageRequest } from "../shared/page.ts";
import type { Service, SharedAccount, SharePermission } from "./service.ts";
import type { RegistrationStatus, ServiceRegistration } from "./service-registration.ts";
import type { ServiceVersion } from "./service-version.ts";
import type { VersionStatus } from "./version-status.ts";

/**
 * One atomic write: the service row and the versions and registrations that change with it.
 * `expectedRevision` undefined inserts a new service; otherwise the write is compare-and-set on
 * the stored revision, so every change to one service is serialised through its row.
 */
export interface CatalogWrite {
  /** The full new state; `revision` must be `expectedRevision + 1` (1 on insert). */
  readonly service: Service;
  readonly expectedRevision?: number;
  /** Inserted or replaced by (serviceId, version). */
  readonly versions?: readonly ServiceVersion[];
  /** Inserted or replaced by id. */
  readonly registrations?: readonly ServiceRegistration[];
}

/** Filters of ListServices (ALIBABA.md 3.13, 4.3): values within one filter OR, filters AND. */
export interface ServiceListQuery {
  /** Supplier view: only this account's services (every live version status). */
  readonly ownerAccountId?: string;
  /** User view: what this account may see (visibility.ts). Exactly one of the two is set. */
  readonly viewerAccountId?: string;
  /** false: only each service's default version; true: every live version (supplier view only). */
  readonly allVersions: boolean;
  readonly serviceIds?: readonly string[];
  readonly versions?: readonly string[];
  readonly statuses?: readonly VersionStatus[];
  /** Case-insensitive substrings of any ServiceInfo name. */
  readonly names?: readonly string[];
  /** Case-insensitive exact ServiceInfo name (GetService by ServiceName). */
  readonly exactName?: string;
  /** Exact names of the owners' accounts. */
  readonly supplierNames?: readonly string[];
  /** Case-insensitive substring of a ServiceInfo name or of the service id. */
  readonly keyword?: string;
  readonly resourceGroupId?: string;
  /** A tag without value matches any value of the key. */
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
  /** Newest first by the service's creation (default) or last change. */
  readonly orderBy?: "createdAt" | "updatedAt";
}

export interface ServiceListing {
  readonly service: Service;
  readonly version: ServiceVersion;
  /** The owner account's name, when the account store knows it. */
  readonly supplierName?: string;
  /** User view: the viewer's shared-account permission on the service, if listed. */
  readonly sharedPermission?: SharePermission;
}

export interface RegistrationFilter {
  readonly ownerAccountId?: string;
  readonly serviceId?: string;
  readonly statuses?: readonly RegistrationStatus[];
}

export interface SharedAccountFilter {
  /** The services' owner (required: suppliers list only their own shares). */
  readonly ownerAccountId: string;
  readonly serviceId?: string;
  readonly accountIds?: readonly string[];
  readonly permission?: SharePermission;
}

/**
 * Storage of the catalog. Reads return deleted rows too (callers decide what exists); `get*`
 * return undefined when missing. Pages are keyset-paginated, so a page costs the same at any
 * depth; a malformed `nextToken` throws DomainError(InvalidArgument) naming NextToken.
 */
export interface CatalogRepository {
  /**
   * Applies the write atomically. Returns false when `expectedRevision` no longer matches (lost
   * a race: re-read and retry). An insert throws DomainError(AlreadyExists) with code
   * SERVICE_ALREADY_EXISTS on a duplicate id or CLIENT_TOKEN_TAKEN when the owner already used
   * the service's clientToken. Repeating a successful write with the same revision returns false.
   */
  write(change: CatalogWrite): Promise<boolean>;
  getService(id: string): Promise<Service | undefined>;
  getServiceByClientToken(ownerAccountId: string, clientToken: string): Promise<Service | undefined>;
  getVersion(serviceId: string, version: string): Promise<ServiceVersion | undefined>;
  /** Every version of the service, deleted ones included, draft first then by number. */
  listVersions(serviceId: string): Promise<ServiceVersion[]>;
  listServices(query: ServiceListQuery, page: PageRequest): Promise<Page<ServiceListing>>;
  /** The name of the account, from the account store; undefined when unknown. */
  getSupplierName(accountId: string): Promise<string | undefined>;

  getRegistration(id: string): Promise<ServiceRegistration | undefined>;
  /** Newest submission first. */
  listRegistrations(filter: RegistrationFilter, page: PageRequest): Promise<Page<ServiceRegistration>>;

  /** Inserts or updates (permission, updatedAt; createdAt is kept) by (serviceId, accountId). Idempotent. */
  putSharedAccounts(accounts: readonly SharedAccount[]): Promise<void>;
  /** Returns how many were removed; removing an absent account is not an error. */
  removeSharedAccounts(serviceId: string, accountIds: readonly string[]): Promise<number>;
  getSharedAccount(serviceId: string, accountId: string): Promise<SharedAccount | undefined>;
  /** Newest first. */
  listSharedAccounts(filter: SharedAccountFilter, page: PageRequest): Promise<Page<SharedAccount>>;
}
