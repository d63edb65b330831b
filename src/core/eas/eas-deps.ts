import { randomUUID } from "node:crypto";
import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Logger } from "../shared/logger.ts";
import type { RegionDirectory } from "../regions.ts";
import { AutoscalerPolicy } from "./eas-autoscaler.ts";
import { EasErrorCodes } from "./eas-errors.ts";
import type { EasRuntime, EasServiceRepository } from "./eas-ports.ts";
import type { EasEvent, EasService } from "./eas-service.ts";
import { InvocationRoutes } from "./invocation-routes.ts";
import { RequestRateMeter } from "./request-rate-meter.ts";

export interface EasDeps {
  readonly repo: EasServiceRepository;
  readonly runtime: EasRuntime;
  readonly regions: RegionDirectory;
  readonly clock: Clock;
  readonly log: Logger;
}

/** How long the gateway reuses a service's routing (InvocationRoutes); writes drop it at once. */
const ROUTE_TTL_MS = 250;

/** What the EAS use-cases share: the ports, the in-memory meters, and read-modify-write helpers. */
export class EasContext {
  readonly meter: RequestRateMeter;
  readonly autoscaling = new AutoscalerPolicy();
  readonly routes: InvocationRoutes;
  private readonly watchedRepo: EasServiceRepository;

  constructor(readonly deps: EasDeps) {
    this.meter = new RequestRateMeter(deps.clock);
    this.routes = new InvocationRoutes(ROUTE_TTL_MS, () => deps.clock.now().getTime());
    this.watchedRepo = this.routes.watch(deps.repo);
  }

  /** The store; every write through it also drops the gateway's cached routes. */
  get repo(): EasServiceRepository {
    return this.watchedRepo;
  }
  get runtime(): EasRuntime {
    return this.deps.runtime;
  }
  now(): Date {
    return this.deps.clock.now();
  }

  /** The caller's service of that name in the region; InvalidService.NotFound otherwise. */
  async require(accountId: string, regionId: string, name: string): Promise<EasService> {
    const found = await this.repo.getByName(accountId, regionId, name);
    if (!found) throw notFoundService(name, regionId);
    return found;
  }

  /**
   * Reads the service, applies `change` and writes it back compare-and-set, again on a lost
   * race. `change` may throw (nothing is written) or return undefined (nothing to do).
   */
  async mutate(id: string, change: (s: EasService) => EasService | undefined): Promise<{ before: EasService; after: EasService } | undefined> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = await this.repo.get(id);
      if (!before) return undefined;
      const next = change(before);
      if (!next) return { before, after: before };
      const after = { ...next, updatedAt: later(this.now(), before.updatedAt) };
      if (await this.repo.update(after, before.updatedAt)) return { before, after };
    }
    throw new DomainError("Conflict", "EAS_CONCURRENT_UPDATE", "The service was changed by another request at the same time; try again.");
  }

  async event(service: EasService, e: Omit<EasEvent, "serviceId" | "at" | "message"> & { message: string | Record<string, unknown> }): Promise<void> {
    const message = typeof e.message === "string" ? e.message : JSON.stringify(e.message);
    await this.repo.appendEvent({ ...e, serviceId: service.id, at: this.now(), message }).catch((err: unknown) =>
      this.deps.log.warn({ serviceId: service.id, err: String(err) }, "Failed to record service event"),
    );
  }

  newKey(serviceId: string, kind: string): string {
    return `${serviceId}/${kind}/${randomUUID()}`;
  }
}

export const notFoundService = (name: string, regionId: string) =>
  new DomainError("NotFound", EasErrorCodes.SERVICE_NOT_FOUND, `The service ${name} does not exist in region ${regionId}.`, { parameter: "ServiceName" });

/** updatedAt is the compare-and-set token: it must move forward even within one millisecond. */
const later = (now: Date, before: Date) => (now.getTime() > before.getTime() ? now : new Date(before.getTime() + 1));
