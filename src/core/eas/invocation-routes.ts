import type { EasServiceRepository } from "./eas-ports.ts";
import type { EasService } from "./eas-service.ts";

/** A replica the gateway may send a request to. */
export interface InvocationTarget {
  readonly instanceName: string;
  readonly host: string;
  readonly port: number;
}

export interface InvocationRoute {
  readonly services: readonly EasService[];
  /** Ready, non-isolated, managed replicas per service id. */
  readonly targets: ReadonlyMap<string, readonly InvocationTarget[]>;
}

/**
 * The gateway's routing table: a service's candidates and ready replicas, kept for `ttlMs` so
 * that a request does not pay a store read and a replica observation each. Any write to a
 * service through this process (isolation, scaling, updates, deletion) drops every entry at once;
 * what only the replicas change (one died, one became ready) shows within `ttlMs`, and a replica
 * that died meanwhile is skipped by the gateway's retry.
 */
export class InvocationRoutes {
  private readonly entries = new Map<string, { at: number; generation: number; route: Promise<InvocationRoute> }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Drops every cached route (a service changed). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get(key: string, load: () => Promise<InvocationRoute>): Promise<InvocationRoute> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && t - hit.at < this.ttlMs) return hit.route;
    const route = load();
    const entry = { at: t, generation: this.generation, route };
    this.entries.set(key, entry);
    // A failed load is not kept.
    route.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return route;
  }

  /** The repository with every write dropping the cached routes first. */
  watch(repo: EasServiceRepository): EasServiceRepository {
    const routes = this;
    const writes = new Set<keyof EasServiceRepository>(["create", "update", "delete", "addVersion"]);
    return new Proxy(repo, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function" || !writes.has(prop as keyof EasServiceRepository)) return typeof value === "function" ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } finally {
            routes.invalidate();
          }
        };
      },
    });
  }
}
