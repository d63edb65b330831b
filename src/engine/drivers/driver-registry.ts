import type {
  AppliedResource,
  ApplyContext,
  DesiredResource,
  DestroyOptions,
  Driver,
  LogLine,
  LogOptions,
  ObservedResource,
  RestartReplicaOptions,
  ResourceRef,
} from "./driver.ts";
import { DRIVER_ERROR_CODES, terminalError } from "./driver-error.ts";

/** All configured drivers behind one `Driver`, dispatching on the resource type. */
export interface DriverRegistry extends Driver {
  /** The driver handling `type`, if any. */
  driverFor(type: string): Driver | undefined;
}

/**
 * `createDriverRegistry({ local: await openLocalDriver(...) })`. Each resource type must be
 * handled by exactly one driver (throws otherwise: a wiring mistake). Unknown types reject with
 * terminal `UNSUPPORTED_RESOURCE_TYPE`. `open`/`close` open and close every driver.
 */
export function createDriverRegistry(drivers: Readonly<Record<string, Driver>>): DriverRegistry {
  const byType = new Map<string, Driver>();
  for (const [name, driver] of Object.entries(drivers)) {
    for (const type of driver.resourceTypes) {
      const other = byType.get(type);
      if (other) throw new Error(`Resource type ${type} is handled by both ${other.name} and ${name}.`);
      byType.set(type, driver);
    }
  }
  const all = Object.values(drivers);
  const pick = (ref: ResourceRef): Driver => {
    const driver = byType.get(ref.type);
    if (!driver) {
      throw terminalError(
        DRIVER_ERROR_CODES.UNSUPPORTED_RESOURCE_TYPE,
        `Resource type ${JSON.stringify(ref.type)} is not supported; supported types: ${[...byType.keys()].join(", ") || "none"}.`,
      );
    }
    return driver;
  };
  return {
    name: "registry",
    resourceTypes: [...byType.keys()],
    driverFor: (type) => byType.get(type),
    async open() {
      for (const d of all) await d.open();
    },
    async close() {
      for (const d of all) await d.close();
    },
    apply: async (r: DesiredResource, ctx?: ApplyContext): Promise<AppliedResource> => pick(r).apply(r, ctx),
    observe: async (r: ResourceRef): Promise<ObservedResource | undefined> => pick(r).observe(r),
    stop: async (r: ResourceRef) => pick(r).stop(r),
    start: async (r: ResourceRef, ctx?: ApplyContext) => pick(r).start(r, ctx),
    restart: async (r: ResourceRef, ctx?: ApplyContext) => pick(r).restart(r, ctx),
    restartReplica: async (r: ResourceRef, i: number, o: RestartReplicaOptions) => pick(r).restartReplica(r, i, o),
    destroy: async (r: ResourceRef, o?: DestroyOptions) => pick(r).destroy(r, o),
    logs: async (r: ResourceRef, o?: LogOptions): Promise<LogLine[]> => pick(r).logs(r, o),
  };
}
