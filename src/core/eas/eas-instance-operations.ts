import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { notFoundService, type EasContext } from "./eas-deps.ts";
import { EasErrorCodes } from "./eas-errors.ts";
import { instanceViews, queryInstances, type EasInstanceView, type InstanceQuery } from "./eas-replica-view.ts";
import type { EasService } from "./eas-service.ts";
import type { EasServiceManager } from "./eas-service-manager.ts";
import type { InvocationRoute, InvocationTarget } from "./invocation-routes.ts";

export interface ServiceLogQuery {
  readonly instanceName?: string;
  readonly keyword?: string;
  readonly startTime?: Date;
  readonly endTime?: Date;
  readonly pageNum: number;
  readonly pageSize: number;
}

export type { InvocationTarget } from "./invocation-routes.ts";

/**
 * The instances of a service (A.3.6, A.3.7, A.3.8, ListServiceInstances): views built from what
 * the runtime observes, restarts, isolation and detaching, logs, and the invocation gateway's
 * view of which instances take traffic.
 */
export class EasInstanceOperations {
  constructor(
    private readonly c: EasContext,
    private readonly services: EasServiceManager,
  ) {}

  /** Every instance: managed slots, then detached ones. */
  async views(service: EasService): Promise<EasInstanceView[]> {
    const observed = await this.c.runtime.observe(service.id, [...service.slots, ...service.detached]);
    return instanceViews(service, observed);
  }

  async list(caller: Principal, regionId: string, name: string, q: InstanceQuery): Promise<{ items: EasInstanceView[]; totalCount: number }> {
    const service = await this.c.require(caller.accountId, regionId, name);
    return queryInstances(await this.views(service), q);
  }

  /** ScaleService (A.3.5) with InstancesToDelete named as instances. */
  async scale(caller: Principal, regionId: string, name: string, instances: number, victims: readonly string[]): Promise<EasService> {
    const service = await this.c.require(caller.accountId, regionId, name);
    const slots = victims.length ? await this.slotsOf(service, victims, "InstancesToDelete") : [];
    return this.services.scaleService(service, instances, slots, "ScaleService");
  }

  /**
   * DeleteServiceInstances (A.3.6): the named instances are recreated (a new instance with a new
   * name in the same slot); `soft` restarts only the process (name kept, RestartCount grows).
   */
  async restart(caller: Principal, regionId: string, name: string, instanceNames: readonly string[], soft: boolean): Promise<void> {
    const service = await this.c.require(caller.accountId, regionId, name);
    if (service.operation?.kind === "Delete" || service.status === "Stopped") {
      throw new DomainError("FailedPrecondition", EasErrorCodes.SERVICE_STATUS_INVALID, `The instances of service ${name} cannot be restarted while its status is ${service.status}.`);
    }
    const slots = await this.slotsOf(service, instanceNames, "InstanceList");
    for (const slot of slots) {
      if (!soft) {
        // The new generation names the new instance; written first so the name never goes back.
        await this.c.mutate(service.id, (cur) => ({ ...cur, generations: { ...cur.generations, [slot]: (cur.generations[String(slot)] ?? 0) + 1 } }));
      }
      await this.c.runtime.restartReplica(service.id, slot, soft);
    }
    await this.c.event(service, {
      type: "Normal",
      reason: soft ? "SoftRestart" : "Recreate",
      resource: "Pod",
      message: { message: `${soft ? "Restarted" : "Recreated"} ${instanceNames.join(", ")}` },
    });
  }

  /**
   * UpdateServiceInstance (A.3.7): `isolate` takes the instance out of traffic (or puts it
   * back); `detach` fences it: it keeps running, unmanaged, and a new instance replaces it.
   */
  async update(caller: Principal, regionId: string, name: string, instanceName: string, change: { isolate?: boolean; detach?: boolean }): Promise<void> {
    const service = await this.c.require(caller.accountId, regionId, name);
    const [slot] = await this.slotsOf(service, [instanceName], "InstanceName");
    if (change.isolate !== undefined) {
      await this.c.mutate(service.id, (cur) => {
        const rest = cur.isolated.filter((n) => n !== instanceName);
        return { ...cur, isolated: change.isolate ? [...rest, instanceName] : rest };
      });
      await this.c.event(service, { type: "Normal", reason: change.isolate ? "Isolated" : "Unisolated", resource: "Pod", instanceName, message: { message: `${instanceName} ${change.isolate ? "taken out of" : "put back into"} traffic` } });
    }
    if (change.detach) {
      if (service.detached.includes(slot!)) return;
      const done = await this.c.mutate(service.id, (cur) => {
        // A running operation plans with the slot list it was given: fencing waits for it to end.
        if (cur.operation || cur.status === "Stopped") {
          throw new DomainError("FailedPrecondition", EasErrorCodes.SERVICE_STATUS_INVALID, `Instance ${instanceName} cannot be detached while service ${name} is ${cur.operation ? `in operation ${cur.operation.kind}` : cur.status}; try again later.`);
        }
        return { ...cur, slots: cur.slots.filter((s) => s !== slot), detached: [...cur.detached, slot!] };
      });
      // The replacement keeps the instance count the service had.
      if (done) await this.services.scaleService(done.after, done.before.slots.length, [], "Detach");
      await this.c.event(service, { type: "Normal", reason: "Detached", resource: "Pod", instanceName, message: { message: `${instanceName} detached; a new instance replaces it` } });
    }
  }

  /** DescribeServiceLog (A.3.8): the instances' output lines, oldest first, paged. */
  async logs(caller: Principal, regionId: string, name: string, q: ServiceLogQuery): Promise<{ lines: string[]; totalCount: number }> {
    const service = await this.c.require(caller.accountId, regionId, name);
    const slots = q.instanceName ? await this.slotsOf(service, [q.instanceName], "InstanceName") : [...service.slots, ...service.detached];
    const all = await this.c.runtime.logs(service.id, slots, q.startTime ? { since: q.startTime } : {});
    const kw = q.keyword;
    const lines = all.filter((l) => (!q.endTime || l.at < q.endTime) && (!kw || l.text.includes(kw))).map((l) => l.text);
    const start = (q.pageNum - 1) * q.pageSize;
    return { lines: lines.slice(start, start + q.pageSize), totalCount: lines.length };
  }

  /**
   * The gateway's lookup: the service of that name in the region whose AccessToken matches
   * (several accounts may use one name), and its ready, non-isolated, managed instances.
   */
  async invocationTargets(regionId: string, name: string, token: string | undefined): Promise<{ service: EasService; targets: InvocationTarget[] }> {
    const route = await this.c.routes.get(`${regionId}/${name}`, () => this.loadRoute(regionId, name));
    if (route.services.length === 0) throw notFoundService(name, regionId);
    const service = route.services.find((s) => token !== undefined && s.accessToken === token);
    if (!service) throw new DomainError("Unauthenticated", "EAS_INVOCATION_UNAUTHORIZED", `The Authorization header does not carry the access token of service ${name}.`);
    return { service, targets: [...(route.targets.get(service.id) ?? [])] };
  }

  /** Every account's service of that name and their ready, non-isolated, managed replicas. */
  private async loadRoute(regionId: string, name: string): Promise<InvocationRoute> {
    const services = await this.c.repo.findByName(regionId, name);
    const targets = new Map<string, InvocationTarget[]>();
    for (const service of services) {
      const observed = await this.c.runtime.observe(service.id, service.slots);
      targets.set(
        service.id,
        instanceViews(service, observed)
          .filter((i) => i.ready && !i.isolated && !i.detached)
          .map((i) => ({ instanceName: i.name, host: i.innerIp, port: i.port })),
      );
    }
    return { services, targets };
  }

  /** Counts one invocation for the qps metric. */
  recordInvocation(serviceId: string): void {
    this.c.meter.record(serviceId);
  }

  private async slotsOf(service: EasService, names: readonly string[], parameter: string): Promise<number[]> {
    const views = await this.views(service);
    return names.map((n) => {
      const v = views.find((x) => x.name === n);
      if (!v) throw new DomainError("NotFound", EasErrorCodes.INSTANCE_NOT_FOUND, `The instance ${n} does not exist in service ${service.name}.`, { parameter });
      return v.slot;
    });
  }
}
