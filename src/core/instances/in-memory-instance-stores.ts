import { DomainError, invalidArgument } from "../shared/domain-error.ts";
import { decodePageToken, encodePageToken, type Page, type PageRequest } from "../shared/page.ts";
import { InstanceErrorCodes as E } from "./instance-errors.ts";
import type { InstanceEvent, InstanceEventRepository, UpgradeHistoryEntry, UpgradeHistoryRepository } from "./instance-event.ts";
import type { InstanceFilter, InstanceRepository } from "./instance-repository.ts";
import type { ServiceInstance } from "./service-instance.ts";

/**
 * In-memory implementations of the instance repositories with the SQL ones' contracts
 * (storage/sql/instance-repository.ts), for unit tests of the domain and the engine. One
 * process only; values are copied in and out so callers cannot change stored state.
 */
export class InMemoryInstanceRepository implements InstanceRepository {
  private readonly rows = new Map<string, { instance: ServiceInstance; clientToken?: string; requestHash?: string }>();

  async create(instance: ServiceInstance, idempotency?: { clientToken: string; requestHash: string }): Promise<void> {
    if (this.rows.has(instance.id)) throw new DomainError("AlreadyExists", E.SERVICE_INSTANCE_ALREADY_EXISTS, `The service instance ${instance.id} already exists.`);
    if (idempotency && [...this.rows.values()].some((r) => r.instance.accountId === instance.accountId && r.clientToken === idempotency.clientToken)) {
      throw new DomainError("AlreadyExists", E.CLIENT_TOKEN_TAKEN, "The ClientToken was already used for another service instance.");
    }
    this.rows.set(instance.id, { instance: structuredClone(instance), ...idempotency });
  }

  async get(id: string): Promise<ServiceInstance | undefined> {
    const row = this.rows.get(id);
    return row && structuredClone(row.instance);
  }

  async getByMarketInstanceId(marketInstanceId: string): Promise<ServiceInstance | undefined> {
    const row = [...this.rows.values()].find((r) => r.instance.marketInstanceId === marketInstanceId);
    return row && structuredClone(row.instance);
  }

  async getByClientToken(accountId: string, clientToken: string) {
    const row = [...this.rows.values()].find((r) => r.instance.accountId === accountId && r.clientToken === clientToken);
    return row && { instance: structuredClone(row.instance), requestHash: row.requestHash ?? "" };
  }

  async update(instance: ServiceInstance, expectedUpdatedAt?: Date): Promise<boolean> {
    const row = this.rows.get(instance.id);
    if (!row) return false;
    if (expectedUpdatedAt && row.instance.updatedAt.getTime() !== expectedUpdatedAt.getTime()) return false;
    row.instance = structuredClone(instance);
    return true;
  }

  async list(filter: InstanceFilter, page: PageRequest): Promise<Page<ServiceInstance>> {
    const matching = [...this.rows.values()]
      .map((r) => r.instance)
      .filter((i) => matches(i, filter))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    const after = decodePageToken(page.nextToken);
    let start = 0;
    if (after !== undefined) {
      const [t, id] = after.split("|");
      start = matching.findIndex((i) => i.createdAt.getTime() < Number(t) || (i.createdAt.getTime() === Number(t) && i.id < id!));
      if (start < 0) start = matching.length;
    }
    const items = matching.slice(start, start + page.maxResults);
    const last = items[items.length - 1];
    const more = start + page.maxResults < matching.length;
    return { items: structuredClone(items), nextToken: more && last ? encodePageToken(`${last.createdAt.getTime()}|${last.id}`) : "", totalCount: matching.length };
  }

  async listPendingOperations(limit: number): Promise<ServiceInstance[]> {
    return [...this.rows.values()]
      .map((r) => r.instance)
      .filter((i) => i.currentOperation && !i.activeWorkflowId)
      .sort((a, b) => a.currentOperation!.requestedAt.getTime() - b.currentOperation!.requestedAt.getTime())
      .slice(0, limit)
      .map((i) => structuredClone(i));
  }
}

function matches(i: ServiceInstance, f: InstanceFilter): boolean {
  const within = <T>(values: readonly T[] | undefined, v: T) => !values?.length || values.includes(v);
  if (f.accountId !== undefined && i.accountId !== f.accountId) return false;
  if (!within(f.accountIds, i.accountId)) return false;
  if (f.supplierAccountId !== undefined && i.supplierAccountId !== f.supplierAccountId) return false;
  if (f.regionId !== undefined && i.regionId !== f.regionId) return false;
  if (!within(f.ids, i.id) || !within(f.serviceIds, i.serviceId) || !within(f.versions, i.serviceVersion)) return false;
  if (!within(f.statuses, i.status) || !within(f.serviceTypes, i.serviceType)) return false;
  if (f.enableInstanceOps !== undefined && i.enableInstanceOps !== f.enableInstanceOps) return false;
  if (f.resourceGroupId !== undefined && i.resourceGroupId !== f.resourceGroupId) return false;
  if (!f.includeDeleted && i.status === "Deleted") return false;
  if (f.names?.length === 1 && !i.name.toLowerCase().includes(f.names[0]!.toLowerCase())) return false;
  if (f.names && f.names.length > 1 && !f.names.includes(i.name)) return false;
  return (f.tags ?? []).every((t) => i.tags.some((x) => x.key === t.key && (t.value === undefined || x.value === t.value)));
}

export class InMemoryInstanceEventRepository implements InstanceEventRepository {
  private readonly events: (InstanceEvent & { seq: number })[] = [];

  async append(event: InstanceEvent): Promise<void> {
    this.events.push({ ...structuredClone(event), seq: this.events.length + 1 });
  }

  async list(instanceId: string, o: Parameters<InstanceEventRepository["list"]>[1]): Promise<{ events: InstanceEvent[]; nextToken: string }> {
    const after = o.after ? Number(decodePageToken(o.after)) : undefined;
    if (after !== undefined && !Number.isInteger(after)) throw invalidArgument("NextToken", "The specified NextToken is not valid.");
    const all = this.events
      .filter((e) => e.instanceId === instanceId)
      .filter((e) => (!o.from || e.timestamp >= o.from) && (!o.to || e.timestamp < o.to))
      .filter((e) => !o.statuses?.length || o.statuses.includes(e.status))
      .filter((e) => !o.resourceIds?.length || (e.resourceId !== undefined && o.resourceIds.includes(e.resourceId)))
      .filter((e) => after === undefined || (o.order === "asc" ? e.seq > after : e.seq < after))
      .sort((a, b) => (o.order === "asc" ? a.seq - b.seq : b.seq - a.seq));
    const page = all.slice(0, o.limit);
    const last = page[page.length - 1];
    return {
      events: page.map(({ seq: _seq, ...e }) => structuredClone(e)),
      nextToken: all.length > o.limit && last ? encodePageToken(String(last.seq)) : "",
    };
  }
}

export class InMemoryUpgradeHistoryRepository implements UpgradeHistoryRepository {
  private readonly entries = new Map<string, UpgradeHistoryEntry>();

  async append(entry: UpgradeHistoryEntry): Promise<void> {
    if (this.entries.has(entry.id)) throw new DomainError("AlreadyExists", E.UPGRADE_HISTORY_ALREADY_EXISTS, `The upgrade history entry ${entry.id} already exists.`);
    this.entries.set(entry.id, structuredClone(entry));
  }

  async update(entry: UpgradeHistoryEntry): Promise<boolean> {
    if (!this.entries.has(entry.id)) return false;
    this.entries.set(entry.id, structuredClone(entry));
    return true;
  }

  async get(id: string): Promise<UpgradeHistoryEntry | undefined> {
    const e = this.entries.get(id);
    return e && structuredClone(e);
  }

  async list(instanceId: string, page: { maxResults: number; nextToken?: string }) {
    const all = this.newestFirst(instanceId);
    const after = decodePageToken(page.nextToken);
    const start = after === undefined ? 0 : all.findIndex((e) => e.id === after) + 1;
    const items = all.slice(start, start + page.maxResults);
    const last = items[items.length - 1];
    return { items, nextToken: start + page.maxResults < all.length && last ? encodePageToken(last.id) : "", totalCount: all.length };
  }

  async latestWith(instanceId: string, type: UpgradeHistoryEntry["type"], status: UpgradeHistoryEntry["status"]) {
    return this.newestFirst(instanceId).find((e) => e.type === type && e.status === status);
  }

  private newestFirst(instanceId: string): UpgradeHistoryEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.instanceId === instanceId)
      .sort((a, b) => b.startTime.getTime() - a.startTime.getTime() || (a.id < b.id ? 1 : -1))
      .map((e) => structuredClone(e));
  }
}
