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
import { DRIVER_ERROR_CODES, terminalError, toDriverError } from "./driver-error.ts";
import { assertResourceKey } from "./resource-key.ts";

/**
 * One resource type's implementation inside a driver. Same contract as `Driver` (driver.ts) for
 * one type, keyed by the resource key alone. The lifecycle methods are for handlers that run
 * something; `HandlerDriver` answers them for the others (stop/start/restart do nothing on an
 * existing resource, logs are empty, restartReplica has no replica to restart).
 */
export interface ResourceHandler {
  readonly type: string;
  open?(): Promise<void>;
  close?(): Promise<void>;
  apply(resource: DesiredResource, ctx: ApplyContext): Promise<AppliedResource>;
  observe(key: string): Promise<ObservedResource | undefined>;
  destroy(key: string, options: DestroyOptions): Promise<void>;
  stop?(key: string): Promise<void>;
  start?(key: string, ctx: ApplyContext): Promise<void>;
  restart?(key: string, ctx: ApplyContext): Promise<void>;
  restartReplica?(key: string, replicaIndex: number, options: RestartReplicaOptions): Promise<void>;
  logs?(key: string, options: LogOptions): Promise<LogLine[]>;
}

/**
 * A driver made of per-type handlers. Checks keys, dispatches on the type, and turns unexpected
 * failures into retryable `IO_ERROR`s so callers only ever see `DriverError`.
 */
export class HandlerDriver implements Driver {
  readonly resourceTypes: readonly string[];
  private readonly handlers = new Map<string, ResourceHandler>();
  private opened = false;
  private closed = false;

  constructor(
    readonly name: string,
    handlers: readonly ResourceHandler[],
  ) {
    for (const h of handlers) {
      if (this.handlers.has(h.type)) throw new Error(`Driver ${name} has two handlers for ${h.type}.`);
      this.handlers.set(h.type, h);
    }
    this.resourceTypes = [...this.handlers.keys()];
  }

  async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    for (const h of this.handlers.values()) await h.open?.();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const h of this.handlers.values()) await h.close?.();
  }

  apply(resource: DesiredResource, ctx: ApplyContext = {}): Promise<AppliedResource> {
    return this.run(resource, "apply", (h) => h.apply(resource, ctx));
  }

  observe(ref: ResourceRef): Promise<ObservedResource | undefined> {
    return this.run(ref, "observe", (h) => h.observe(ref.key));
  }

  stop(ref: ResourceRef): Promise<void> {
    return this.run(ref, "stop", async (h) => (h.stop ? h.stop(ref.key) : this.requireExisting(h, ref)));
  }

  start(ref: ResourceRef, ctx: ApplyContext = {}): Promise<void> {
    return this.run(ref, "start", async (h) => (h.start ? h.start(ref.key, ctx) : this.requireExisting(h, ref)));
  }

  restart(ref: ResourceRef, ctx: ApplyContext = {}): Promise<void> {
    return this.run(ref, "restart", async (h) => (h.restart ? h.restart(ref.key, ctx) : this.requireExisting(h, ref)));
  }

  restartReplica(ref: ResourceRef, replicaIndex: number, options: RestartReplicaOptions): Promise<void> {
    return this.run(ref, "restart a replica of", async (h) => {
      if (h.restartReplica) return h.restartReplica(ref.key, replicaIndex, options);
      await this.requireExisting(h, ref);
      throw terminalError(DRIVER_ERROR_CODES.REPLICA_NOT_FOUND, `${ref.type} ${ref.key} runs no replicas.`);
    });
  }

  destroy(ref: ResourceRef, options: DestroyOptions = {}): Promise<void> {
    return this.run(ref, "destroy", (h) => h.destroy(ref.key, options));
  }

  logs(ref: ResourceRef, options: LogOptions = {}): Promise<LogLine[]> {
    return this.run(ref, "read logs of", async (h) => {
      if (h.logs) return h.logs(ref.key, options);
      await this.requireExisting(h, ref);
      return [];
    });
  }

  private async requireExisting(h: ResourceHandler, ref: ResourceRef): Promise<void> {
    if (!(await h.observe(ref.key))) throw notFound(ref);
  }

  private async run<T>(ref: ResourceRef, doing: string, fn: (h: ResourceHandler) => Promise<T>): Promise<T> {
    assertResourceKey(ref.key);
    const handler = this.handlers.get(ref.type);
    if (!handler) {
      throw terminalError(
        DRIVER_ERROR_CODES.UNSUPPORTED_RESOURCE_TYPE,
        `Driver ${this.name} does not handle resource type ${JSON.stringify(ref.type)}; it handles ${this.resourceTypes.join(", ")}.`,
      );
    }
    try {
      return await fn(handler);
    } catch (e) {
      throw toDriverError(e, `${doing} ${ref.type} ${ref.key}`);
    }
  }
}

export const notFound = (ref: ResourceRef) =>
  terminalError(DRIVER_ERROR_CODES.RESOURCE_NOT_FOUND, `${ref.type} ${ref.key} does not exist.`);
