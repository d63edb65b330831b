import type { Principal } from "../accounts/account.ts";
import { pageRequest } from "../catalog/catalog-support.ts";
import type { CatalogService } from "../catalog/catalog-service.ts";
import type { RegionDirectory } from "../regions.ts";
import type { Clock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";
import type { Page } from "../shared/page.ts";
import { InstanceCatalog, versionKey } from "./instance-catalog.ts";
import { badInstanceArgument, instanceNotFound } from "./instance-errors.ts";
import type { InstanceEventRepository, UpgradeHistoryEntry, UpgradeHistoryRepository } from "./instance-event.ts";
import type { InstanceListQuery, InstanceLogView, InstanceResourceView, InstanceView, LogListQuery, ResourceListQuery } from "./instance-inputs.ts";
import type { DeploymentPlanner, InstanceRuntime } from "./instance-ports.ts";
import type { InstanceFilter, InstanceRepository } from "./instance-repository.ts";
import { INSTANCE_STATUSES, type InstanceStatus } from "./instance-status.ts";
import { InstanceStore } from "./instance-store.ts";
import { listInstanceLogs } from "./instance-logs.ts";
import { listInstanceResources } from "./instance-resources.ts";
import type { ServiceInstance } from "./service-instance.ts";

/** Everything InstanceService works with; wired once in server/. */
export interface InstanceServiceDeps {
  readonly instances: InstanceRepository;
  readonly events: InstanceEventRepository;
  readonly history: UpgradeHistoryRepository;
  readonly catalog: CatalogService;
  readonly planner: DeploymentPlanner;
  readonly runtime: InstanceRuntime;
  readonly regions: RegionDirectory;
  readonly clock: Clock;
  readonly log: Logger;
}

type Side = "user" | "supplier";

/**
 * The read side of InstanceService (see instance-service.ts for the contract). User-side reads
 * see the caller's own instances that are not Deleted; supplier-side reads see every instance of
 * the caller's services (their customers' and their own), Deleted ones on request. Anything
 * else is SERVICE_INSTANCE_NOT_FOUND, exactly like a missing id.
 */
export class InstanceQueries {
  protected readonly store: InstanceStore;
  protected readonly catalogView: InstanceCatalog;

  constructor(protected readonly deps: InstanceServiceDeps) {
    this.store = new InstanceStore(deps.instances, deps.events, deps.clock, deps.log);
    this.catalogView = new InstanceCatalog(deps.catalog);
  }

  /**
   * GetServiceInstance (user side) by ServiceInstanceId or MarketInstanceId. `loaded` is the
   * instance when the caller has read it already (by ServiceInstanceId), saving a store read.
   */
  async get(caller: Principal, ref: { serviceInstanceId?: string; marketInstanceId?: string }, loaded?: ServiceInstance): Promise<InstanceView> {
    let instance: ServiceInstance | undefined;
    let parameter = "ServiceInstanceId";
    if (ref.serviceInstanceId) {
      instance = loaded?.id === ref.serviceInstanceId ? loaded : await this.deps.instances.get(ref.serviceInstanceId);
    } else if (ref.marketInstanceId) {
      parameter = "MarketInstanceId";
      instance = await this.deps.instances.getByMarketInstanceId(ref.marketInstanceId);
    } else {
      throw badInstanceArgument("ServiceInstanceId", "ServiceInstanceId or MarketInstanceId is mandatory for this action.");
    }
    if (!instance || !this.isOwn(caller, instance)) throw instanceNotFound(ref.serviceInstanceId || ref.marketInstanceId!, parameter);
    const own = instance.supplierAccountId === caller.accountId;
    return this.detailedView(instance, own ? true : this.catalogView.isVisible(caller, instance.serviceId));
  }

  /** GetServiceInstance (supplier side): an instance of one of the caller's services, Deleted ones too. */
  async getForSupplier(caller: Principal, serviceInstanceId: string): Promise<InstanceView> {
    const instance = await this.deps.instances.get(serviceInstanceId);
    if (!instance || instance.supplierAccountId !== caller.accountId) throw instanceNotFound(serviceInstanceId);
    return this.detailedView(instance, true);
  }

  /** ListServiceInstances (user side): the caller's instances, newest first. */
  async list(caller: Principal, query: InstanceListQuery): Promise<Page<InstanceView>> {
    return this.listFor(caller, query, "user");
  }

  /** ListServiceInstances (supplier side): instances of the caller's services, newest first. */
  async listForSupplier(caller: Principal, query: InstanceListQuery): Promise<Page<InstanceView>> {
    return this.listFor(caller, query, "supplier");
  }

  /** ListServiceInstanceResources: the instance's resources with what the driver observes now. */
  async listResources(caller: Principal, serviceInstanceId: string, query: ResourceListQuery): Promise<Page<InstanceResourceView>> {
    const instance = await this.owned(caller, serviceInstanceId);
    return listInstanceResources(instance, query, this.deps.runtime, this.deps.log);
  }

  /** ListServiceInstanceLogs: lifecycle events (computeNest) or the replicas' output (application). */
  async listLogs(caller: Principal, serviceInstanceId: string, query: LogListQuery): Promise<{ items: InstanceLogView[]; nextToken: string }> {
    const instance = await this.owned(caller, serviceInstanceId);
    return listInstanceLogs(instance, query, this.deps.events, this.deps.runtime);
  }

  /** ListServiceInstanceUpgradeHistory, newest first. */
  async listUpgradeHistory(
    caller: Principal,
    serviceInstanceId: string,
    page: { maxResults?: number; nextToken?: string },
  ): Promise<Page<UpgradeHistoryEntry>> {
    await this.owned(caller, serviceInstanceId);
    return this.deps.history.list(serviceInstanceId, pageRequest(page.maxResults, page.nextToken));
  }

  /** The caller's own, not Deleted instance; SERVICE_INSTANCE_NOT_FOUND otherwise. */
  protected async owned(caller: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    const instance = serviceInstanceId ? await this.deps.instances.get(serviceInstanceId) : undefined;
    if (!instance || !this.isOwn(caller, instance)) throw instanceNotFound(serviceInstanceId);
    return instance;
  }

  protected isOwn(caller: Principal, instance: ServiceInstance): boolean {
    return instance.accountId === caller.accountId && instance.status !== "Deleted";
  }

  /**
   * The instance with its service version and the versions it may upgrade to (only when
   * `mayUpgrade`, which may still be being read). The reads depend only on the instance, and on
   * PostgreSQL each is a round trip, so they go out together.
   */
  private async detailedView(instance: ServiceInstance, mayUpgrade: boolean | Promise<boolean>): Promise<InstanceView> {
    const [service, upgradable, allowed] = await Promise.all([
      this.catalogView.versionOf(instance),
      mayUpgrade !== false && instance.status !== "Deleted" ? this.catalogView.upgradableVersions(instance) : [],
      mayUpgrade,
    ]);
    return { instance, service, upgradableVersions: service && allowed ? upgradable : [] };
  }

  private async listFor(caller: Principal, query: InstanceListQuery, side: Side): Promise<Page<InstanceView>> {
    const page = pageRequest(query.maxResults, query.nextToken);
    const filter = await this.filterOf(caller, query, side);
    if (!filter) return { items: [], nextToken: "", totalCount: 0 };
    const found = await this.deps.instances.list(filter, page);
    const infos = await this.catalogView.versionsOf(found.items);
    return { ...found, items: found.items.map((instance) => ({ instance, service: infos.get(versionKey(instance)) })) };
  }

  /** The repository filter, or undefined when the query can match nothing. */
  private async filterOf(caller: Principal, q: InstanceListQuery, side: Side): Promise<InstanceFilter | undefined> {
    if (q.deployTypes?.length && !q.deployTypes.includes("ros")) return undefined;
    let statuses: InstanceStatus[] | undefined;
    if (q.statuses?.length) {
      statuses = q.statuses.filter((s): s is InstanceStatus => (INSTANCE_STATUSES as readonly string[]).includes(s));
      if (side === "user" || !q.showDeleted) statuses = statuses.filter((s) => s !== "Deleted");
      if (statuses.length === 0) return undefined;
    }
    let serviceIds = q.serviceIds?.length ? [...q.serviceIds] : undefined;
    if (q.serviceNames?.length) {
      const named = await this.catalogView.serviceIdsNamed(caller, q.serviceNames, side);
      serviceIds = serviceIds ? serviceIds.filter((id) => named.includes(id)) : named;
      if (serviceIds.length === 0) return undefined;
    }
    return {
      ...(side === "user" ? { accountId: caller.accountId } : { supplierAccountId: caller.accountId, accountIds: q.userIds?.length ? q.userIds : undefined }),
      ids: q.ids?.length ? q.ids : undefined,
      names: q.names?.length ? q.names : undefined,
      serviceIds,
      versions: q.versions?.length ? q.versions : undefined,
      statuses,
      serviceTypes: q.serviceTypes?.length ? q.serviceTypes : undefined,
      enableInstanceOps: q.enableInstanceOps,
      resourceGroupId: q.resourceGroupId || undefined,
      tags: q.tags?.length ? q.tags : undefined,
      includeDeleted: side === "supplier" && q.showDeleted === true,
    };
  }
}
