import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { CatalogRepository, CatalogWrite } from "./catalog-repository.ts";
import { CatalogErrorCodes as E, serviceNotFound } from "./catalog-errors.ts";
import type { Service } from "./service.ts";
import type { ServiceVersion } from "./service-version.ts";

const CAS_ATTEMPTS = 5;

/** What a change computes from the current service and versions. */
export type ServiceChange<T> = (
  service: Service,
  versions: ServiceVersion[],
) => Promise<{ write: Omit<CatalogWrite, "expectedRevision">; result: T; dryRun?: boolean }>;

/**
 * Read-modify-write of one service: loads it and its versions, lets `change` compute the new
 * rows, and writes them compare-and-set on the service's revision, retrying from a fresh read
 * when another writer got there first. `dryRun` results are returned without writing. After
 * CAS_ATTEMPTS lost races: Conflict SERVICE_CONCURRENT_UPDATE.
 */
export class ServiceMutator {
  constructor(private readonly repository: CatalogRepository) {}

  /** The caller's own live service, or SERVICE_NOT_FOUND (missing, deleted or another account's). */
  async owned(caller: Principal, serviceId: string): Promise<Service> {
    const service = await this.repository.getService(serviceId);
    if (!service || service.deletedAt || service.ownerAccountId !== caller.accountId) throw serviceNotFound(serviceId);
    return service;
  }

  /** Changes one of the caller's services. */
  mutate<T>(caller: Principal, serviceId: string, change: ServiceChange<T>): Promise<T> {
    return this.run(() => this.owned(caller, serviceId), change);
  }

  /** Changes any account's live service (the operator reviewing). */
  mutateAny<T>(serviceId: string, change: ServiceChange<T>): Promise<T> {
    return this.run(async () => {
      const service = await this.repository.getService(serviceId);
      if (!service || service.deletedAt) throw serviceNotFound(serviceId);
      return service;
    }, change);
  }

  private async run<T>(load: () => Promise<Service>, change: ServiceChange<T>): Promise<T> {
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const service = await load();
      const versions = await this.repository.listVersions(service.id);
      const { write, result, dryRun } = await change(service, versions);
      if (dryRun) return result;
      if (await this.repository.write({ ...write, expectedRevision: service.revision })) return result;
    }
    throw new DomainError("Conflict", E.SERVICE_CONCURRENT_UPDATE, "The service was changed by another request at the same time; retry.");
  }
}
