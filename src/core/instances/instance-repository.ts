import type { Page, PageRequest } from "../shared/page.ts";
import type { InstanceStatus } from "./instance-status.ts";
import type { ServiceInstance } from "./service-instance.ts";

/** Filters of ListServiceInstances (ALIBABA.md 3.3): values within one filter OR, filters AND. */
export interface InstanceFilter {
  /** Owner account (customer). Omit on the supplier side and use supplierAccountId. */
  readonly accountId?: string;
  /** Supplier view: the customers' accounts (Filter UserId). */
  readonly accountIds?: readonly string[];
  readonly supplierAccountId?: string;
  readonly regionId?: string;
  readonly ids?: readonly string[];
  readonly serviceIds?: readonly string[];
  readonly versions?: readonly string[];
  readonly statuses?: readonly InstanceStatus[];
  readonly serviceTypes?: readonly string[];
  readonly enableInstanceOps?: boolean;
  /** One value: substring match; several: exact names. */
  readonly names?: readonly string[];
  readonly resourceGroupId?: string;
  readonly tags?: readonly { key: string; value?: string }[];
  readonly includeDeleted?: boolean;
}

/**
 * Storage of service instances. `create` throws DomainError(AlreadyExists) when the
 * (accountId, clientToken) pair is taken; callers then read the existing one with
 * `getByClientToken`. `update` is compare-and-set on `updatedAt` when `expectedUpdatedAt` is
 * given and returns false when it lost the race. List pages are keyset-paginated (newest first),
 * so a page costs the same at any depth.
 */
export interface InstanceRepository {
  create(instance: ServiceInstance, idempotency?: { clientToken: string; requestHash: string }): Promise<void>;
  get(id: string): Promise<ServiceInstance | undefined>;
  getByMarketInstanceId(marketInstanceId: string): Promise<ServiceInstance | undefined>;
  getByClientToken(accountId: string, clientToken: string): Promise<{ instance: ServiceInstance; requestHash: string } | undefined>;
  update(instance: ServiceInstance, expectedUpdatedAt?: Date): Promise<boolean>;
  list(filter: InstanceFilter, page: PageRequest): Promise<Page<ServiceInstance>>;
  /**
   * Instances with a `currentOperation` but no `activeWorkflowId` (submission not confirmed),
   * oldest request first, at most `limit`. Index-backed; used by startup recovery.
   */
  listPendingOperations(limit: number): Promise<ServiceInstance[]>;
}
