/** One lifecycle event of an instance (ListServiceInstanceLogs, LogSource computeNest). */
export interface InstanceEvent {
  readonly instanceId: string;
  readonly timestamp: Date;
  /** Creating, Created, Deploying, Deployed, DeployedFailed, Upgrading, UpgradeSuccess, ... (ALIBABA.md 3.11) */
  readonly status: string;
  readonly content: string;
  readonly resourceId?: string;
  readonly resourceType?: string;
}

/**
 * Append-only. `list` is ordered by time of appending (ascending or descending) with keyset
 * paging; `after` is a `nextToken` of an earlier page with the same order ("" on the last page).
 * `from` is inclusive, `to` exclusive. A malformed token throws InvalidArgument naming NextToken.
 */
export interface InstanceEventRepository {
  append(event: InstanceEvent): Promise<void>;
  list(
    instanceId: string,
    options: {
      order: "asc" | "desc";
      limit: number;
      after?: string;
      from?: Date;
      to?: Date;
      /** Only events with one of these statuses (ListServiceInstanceLogs Filter EventName). */
      statuses?: readonly string[];
      /** Only events about one of these resources (Filter ResourceName). */
      resourceIds?: readonly string[];
    },
  ): Promise<{ events: InstanceEvent[]; nextToken: string }>;
}

export interface UpgradeHistoryEntry {
  readonly id: string;
  readonly instanceId: string;
  readonly fromVersion: string;
  readonly toVersion: string;
  readonly type: "Upgrade" | "Rollback";
  readonly status: "upgrading" | "UpgradeSuccessful" | "UpgradeFailed";
  readonly startTime: Date;
  readonly endTime?: Date;
  readonly results?: Record<string, unknown>;
  /**
   * The instance's parameters before the change, so a rollback deploys the old version with
   * the values it had. Internal: never on the wire (may hold NoEcho values).
   */
  readonly previousParameters?: Record<string, unknown>;
}

/**
 * Storage of UpgradeServiceInstance / RollbackServiceInstance history. `append` throws
 * DomainError(AlreadyExists) on a duplicate id; `update` replaces the entry by id (status,
 * endTime, results) and returns false when it does not exist. `list` is newest first
 * (startTime, then id) with keyset paging; a malformed token throws InvalidArgument naming
 * NextToken.
 */
export interface UpgradeHistoryRepository {
  append(entry: UpgradeHistoryEntry): Promise<void>;
  update(entry: UpgradeHistoryEntry): Promise<boolean>;
  get(id: string): Promise<UpgradeHistoryEntry | undefined>;
  list(instanceId: string, page: { maxResults: number; nextToken?: string }): Promise<{ items: UpgradeHistoryEntry[]; nextToken: string; totalCount: number }>;
  /** The newest entry with the given type and status (rollback looks for the last successful upgrade). */
  latestWith(instanceId: string, type: UpgradeHistoryEntry["type"], status: UpgradeHistoryEntry["status"]): Promise<UpgradeHistoryEntry | undefined>;
}
