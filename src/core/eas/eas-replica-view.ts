import { DomainError } from "../shared/domain-error.ts";
import { EasErrorCodes } from "./eas-errors.ts";
import { instanceName } from "./eas-instance-names.ts";
import type { ObservedEasReplica } from "./eas-ports.ts";
import type { EasService } from "./eas-service.ts";
import { specRunSpec, specSizing } from "./eas-spec.ts";

/** Where local replicas run: this host's loopback (InnerIP, HostIP). */
export const LOCAL_HOST_IP = "127.0.0.1";

/** One instance of a service as EAS shows it (A.4.2), in the domain's words. */
export interface EasInstanceView {
  readonly name: string;
  readonly slot: number;
  /** Pending | Running | Terminating | Completed | Failed | Stopped */
  readonly status: string;
  /** RUNNING when ready; otherwise why not (STARTING, CRASH_LOOP_BACK_OFF, ...). */
  readonly reason: string;
  readonly ready: boolean;
  readonly hostIp: string;
  readonly innerIp: string;
  /** The port the instance serves on (its PORT). */
  readonly port: number;
  /** The spec's containers[0].port. */
  readonly containerPort?: number;
  readonly restartCount: number;
  readonly startedAt?: Date;
  readonly lastState?: ObservedEasReplica["lastState"];
  readonly isolated: boolean;
  readonly detached: boolean;
  readonly latest: boolean;
  readonly instanceType: string;
  readonly role: string;
  readonly resourceType: "PublicResource";
  readonly pid?: number;
}

const STATUS: Readonly<Record<string, string>> = {
  Pending: "Pending",
  Running: "Running",
  Terminating: "Terminating",
  Succeeded: "Completed",
  Failed: "Failed",
  Stopped: "Stopped",
};

const upperSnake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** The instances of a service from what the runtime observes of its slots (detached ones too). */
export function instanceViews(service: EasService, observed: readonly ObservedEasReplica[]): EasInstanceView[] {
  const sizing = specSizing(service.spec);
  let containerPort: number | undefined;
  try {
    containerPort = specRunSpec(service.spec).containerPort;
  } catch {
    containerPort = undefined; // a stored spec always ran once; keep listing even if rules tightened
  }
  const instanceType = sizing.instanceType || "nestbox.local";
  const role = sizing.role || "Standard";
  // Built by assignment, not by spreading optional parts: a list maps up to 100 of these.
  return observed.map((r) => {
    const name = instanceName(service.name, service.id, r.slot, service.generations[String(r.slot)] ?? 0, r.specHash);
    const view: { -readonly [K in keyof EasInstanceView]: EasInstanceView[K] } = {
      name,
      slot: r.slot,
      status: STATUS[r.status] ?? r.status,
      reason: r.ready ? "RUNNING" : upperSnake(r.reason ?? r.status),
      ready: r.ready,
      hostIp: LOCAL_HOST_IP,
      innerIp: LOCAL_HOST_IP,
      port: r.port,
      restartCount: r.restartCount,
      isolated: service.isolated.includes(name),
      detached: service.detached.includes(r.slot),
      latest: r.latest,
      instanceType,
      role,
      resourceType: "PublicResource",
    };
    if (containerPort !== undefined) view.containerPort = containerPort;
    if (r.startedAt) view.startedAt = r.startedAt;
    if (r.lastState) view.lastState = r.lastState;
    if (r.pid !== undefined) view.pid = r.pid;
    return view;
  });
}

/** ListServiceInstances query (seed + A.3.11), in domain words. */
export interface InstanceQuery {
  readonly keyword?: string;
  readonly status?: string;
  readonly innerIp?: string;
  readonly name?: string;
  readonly hostIp?: string;
  readonly instanceType?: string;
  readonly resourceType?: string;
  readonly isSpot?: boolean;
  readonly role?: string;
  readonly sort?: string;
  readonly order?: string;
  readonly pageNumber: number;
  readonly pageSize: number;
}

const bad = (parameter: string, message: string) => new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, message, { parameter });

/** Filters (AND), sorts and pages instance views; the total counts every match. */
export function queryInstances(all: readonly EasInstanceView[], q: InstanceQuery): { items: EasInstanceView[]; totalCount: number } {
  if (q.sort && q.sort !== "StartTime") throw bad("Sort", `The specified Sort ${q.sort} is not valid: use StartTime.`);
  if (q.order && q.order !== "asc" && q.order !== "desc") throw bad("Order", `The specified Order ${q.order} is not valid: use asc or desc.`);
  const eq = (a: string, b: string | undefined) => b === undefined || b === "" || a.toLowerCase() === b.toLowerCase();
  const kw = q.keyword?.toLowerCase();
  const matched = all.filter(
    (i) =>
      (!kw || [i.name, i.innerIp, i.hostIp, i.instanceType].some((f) => f.toLowerCase().includes(kw))) &&
      eq(i.status, q.status) &&
      eq(i.innerIp, q.innerIp) &&
      (q.name === undefined || q.name === "" || i.name === q.name) &&
      eq(i.hostIp, q.hostIp) &&
      eq(i.instanceType, q.instanceType) &&
      eq(i.resourceType, q.resourceType) &&
      (q.isSpot === undefined || q.isSpot === false) &&
      eq(i.role, q.role),
  );
  if (q.sort === "StartTime") {
    const at = (i: EasInstanceView) => i.startedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
    const dir = q.order === "asc" ? 1 : -1;
    matched.sort((a, b) => dir * (at(a) - at(b)) || a.slot - b.slot);
  } else if (q.order === "desc") {
    matched.reverse();
  }
  const start = (q.pageNumber - 1) * q.pageSize;
  return { items: matched.slice(start, start + q.pageSize), totalCount: matched.length };
}
