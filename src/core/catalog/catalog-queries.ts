import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Page } from "../shared/page.ts";
import type { CatalogRepository, ServiceListQuery } from "./catalog-repository.ts";
import { badArgument, CatalogErrorCodes as E, serviceNotFound } from "./catalog-errors.ts";
import { isLive, pageRequest } from "./catalog-support.ts";
import { oneOf } from "./service-content.ts";
import { SHARE_PERMISSIONS, type Service, type SharedAccount, type SharePermission } from "./service.ts";
import type { ServiceRegistration } from "./service-registration.ts";
import type { ServiceVersion } from "./service-version.ts";
import type { VersionStatus } from "./version-status.ts";
import { viewerPermission } from "./visibility.ts";

/** A service version as its owner sees it (supplier side). */
export interface SupplierServiceView {
  readonly service: Service;
  readonly version: ServiceVersion;
  readonly supplierName?: string;
  /** Whether `version` is the service's default version. */
  readonly isDefault: boolean;
}

/** A service version someone may see on the user side, with what they may do with it. */
export interface VisibleService {
  readonly service: Service;
  readonly version: ServiceVersion;
  readonly supplierName?: string;
  readonly permission: SharePermission;
}

/** Names a service: by id, or by ServiceInfo name (case-insensitive, exact). */
export interface ServiceRef {
  readonly serviceId?: string;
  readonly serviceName?: string;
  /** Default: the service's default version. */
  readonly version?: string;
}

export interface PageInput {
  readonly maxResults?: number;
  readonly nextToken?: string;
}

/** ListServices filters (values OR within a filter, filters AND). */
export interface ServiceFilter {
  readonly serviceIds?: readonly string[];
  readonly versions?: readonly string[];
  readonly statuses?: readonly string[];
  readonly names?: readonly string[];
  readonly supplierNames?: readonly string[];
  readonly keyword?: string;
  readonly resourceGroupId?: string;
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
}

export interface SharedAccountQuery {
  readonly serviceId?: string;
  readonly accountIds?: readonly string[];
  readonly permission?: string;
}

/** The read side of CatalogService; see catalog-service.ts for the contract. */
export class CatalogQueries {
  constructor(protected readonly repository: CatalogRepository) {}

  /** Supplier GetService: one of the caller's services; SERVICE_NOT_FOUND otherwise. */
  async getService(caller: Principal, ref: ServiceRef): Promise<SupplierServiceView> {
    const service = ref.serviceId
      ? await this.repository.getService(ref.serviceId)
      : (await this.byName({ ownerAccountId: caller.accountId, allVersions: false }, ref))?.service;
    const id = ref.serviceId ?? ref.serviceName ?? "";
    if (!service || service.deletedAt || service.ownerAccountId !== caller.accountId) throw serviceNotFound(id);
    const name = ref.version || service.defaultVersion;
    // Independent reads go out together: on PostgreSQL each is a round trip.
    const [version, supplierName] = await Promise.all([this.repository.getVersion(service.id, name), this.repository.getSupplierName(service.ownerAccountId)]);
    if (!version || !isLive(version)) throw serviceNotFound(service.id, name);
    return { service, version, supplierName, isDefault: service.defaultVersion === version.version };
  }

  /** Supplier ListServices: the caller's services, default versions only unless allVersions. */
  async listServices(
    caller: Principal,
    filter: ServiceFilter & { readonly allVersions?: boolean },
    page: PageInput,
  ): Promise<Page<SupplierServiceView>> {
    const result = await this.repository.listServices(
      { ...this.query(filter), ownerAccountId: caller.accountId, allVersions: filter.allVersions === true },
      pageRequest(page.maxResults, page.nextToken),
    );
    return {
      ...result,
      items: result.items.map((l) => ({ ...l, isDefault: l.service.defaultVersion === l.version.version })),
    };
  }

  /** User GetService: a version the caller may see (visibility.ts); SERVICE_NOT_FOUND otherwise. */
  async getVisibleService(caller: Principal, ref: ServiceRef): Promise<VisibleService> {
    if (!ref.serviceId) {
      const listed = await this.byName({ viewerAccountId: caller.accountId, allVersions: false }, ref);
      if (!listed) throw serviceNotFound(ref.serviceName ?? "");
      if (!ref.version) {
        const permission = permissionOf(caller, listed.service, listed.sharedPermission);
        return { service: listed.service, version: listed.version, supplierName: listed.supplierName, permission };
      }
      return this.getVisibleService(caller, { serviceId: listed.service.id, version: ref.version });
    }
    const service = await this.repository.getService(ref.serviceId);
    if (!service || service.deletedAt) throw serviceNotFound(ref.serviceId);
    const name = ref.version || service.defaultVersion;
    const [version, shared, supplierName] = await Promise.all([
      this.repository.getVersion(service.id, name),
      service.ownerAccountId === caller.accountId ? undefined : this.repository.getSharedAccount(service.id, caller.accountId),
      this.repository.getSupplierName(service.ownerAccountId),
    ]);
    if (!version) throw serviceNotFound(service.id, ref.version);
    const permission = viewerPermission(caller.accountId, service, version, shared);
    if (!permission) throw serviceNotFound(service.id, ref.version);
    return { service, version, supplierName, permission };
  }

  /** User ListServices: what the caller may see, one (default) version per service. */
  async listVisibleServices(
    caller: Principal,
    filter: ServiceFilter & { readonly orderBy?: "createdAt" | "updatedAt" },
    page: PageInput,
  ): Promise<Page<VisibleService>> {
    const result = await this.repository.listServices(
      { ...this.query(filter), viewerAccountId: caller.accountId, allVersions: false, orderBy: filter.orderBy },
      pageRequest(page.maxResults, page.nextToken),
    );
    return {
      ...result,
      items: result.items.map((l) => ({
        service: l.service,
        version: l.version,
        supplierName: l.supplierName,
        permission: permissionOf(caller, l.service, l.sharedPermission),
      })),
    };
  }

  /** GetServiceRegistration: the caller's own registrations; the operator's root sees all. */
  async getRegistration(
    caller: Principal,
    registrationId: string,
  ): Promise<{ registration: ServiceRegistration; version?: ServiceVersion }> {
    const registration = await this.repository.getRegistration(registrationId);
    if (!registration || (registration.ownerAccountId !== caller.accountId && !isOperatorRoot(caller))) {
      throw new DomainError(
        "NotFound",
        E.SERVICE_REGISTRATION_NOT_FOUND,
        `The specified registration ${registrationId} does not exist.`,
        { parameter: "RegistrationId", registrationId },
      );
    }
    const version = await this.repository.getVersion(registration.serviceId, registration.version);
    return { registration, version };
  }

  /** Registrations, newest first: the caller's own, or every account's for the operator's root. */
  async listRegistrations(
    caller: Principal,
    filter: { readonly serviceId?: string; readonly statuses?: readonly ServiceRegistration["status"][] },
    page: PageInput,
  ): Promise<Page<ServiceRegistration>> {
    return this.repository.listRegistrations(
      { ...filter, ownerAccountId: isOperatorRoot(caller) ? undefined : caller.accountId },
      pageRequest(page.maxResults, page.nextToken),
    );
  }

  /** ListServiceSharedAccounts over the caller's services (one service when serviceId is set). */
  async listSharedAccounts(caller: Principal, query: SharedAccountQuery, page: PageInput): Promise<Page<SharedAccount>> {
    if (query.serviceId) {
      const service = await this.repository.getService(query.serviceId);
      if (!service || service.deletedAt || service.ownerAccountId !== caller.accountId) throw serviceNotFound(query.serviceId);
    }
    const permission = query.permission ? oneOf<SharePermission>(SHARE_PERMISSIONS, query.permission, "Permission") : undefined;
    return this.repository.listSharedAccounts(
      { ownerAccountId: caller.accountId, serviceId: query.serviceId, accountIds: query.accountIds, permission },
      pageRequest(page.maxResults, page.nextToken),
    );
  }

  private query(filter: ServiceFilter): Omit<ServiceListQuery, "allVersions"> {
    return {
      serviceIds: filter.serviceIds,
      versions: filter.versions,
      statuses: filter.statuses as readonly VersionStatus[] | undefined,
      names: filter.names,
      supplierNames: filter.supplierNames,
      keyword: filter.keyword || undefined,
      resourceGroupId: filter.resourceGroupId || undefined,
      tags: filter.tags,
    };
  }

  private async byName(base: ServiceListQuery, ref: ServiceRef) {
    if (!ref.serviceName) throw badArgument("ServiceId", "ServiceId or ServiceName is mandatory for this action.");
    const page = await this.repository.listServices({ ...base, exactName: ref.serviceName }, { maxResults: 1 });
    return page.items[0];
  }
}

const isOperatorRoot = (caller: Principal) => caller.isOperator && caller.type === "Root";

function permissionOf(caller: Principal, service: Service, shared: SharePermission | undefined): SharePermission {
  if (service.ownerAccountId === caller.accountId || service.shareType === "Public") return "Deployable";
  return shared ?? "Accessible";
}
