import { randomInt } from "node:crypto";
import type {
  AppliedResource,
  ApplyContext,
  DesiredResource,
  DestroyOptions,
  Driver,
  LogLine,
  LogOptions,
  ObservedReplica,
  ObservedResource,
  RestartReplicaOptions,
  ResourceRef,
} from "./driver.ts";
import { DRIVER_ERROR_CODES, DriverError, retryableError, terminalError } from "./driver-error.ts";
import { LOCAL_RESOURCE_TYPES } from "./local-driver.ts";
import { LOCAL_PROCESS_TYPE, parseProcessSpec } from "./local-process/process-spec.ts";
import { RANDOM_STRING_TYPE, parseRandomStringSpec } from "./random-string/random-string-spec.ts";
import { LOCAL_DIRECTORY_TYPE } from "./local-directory/local-directory-handler.ts";
import { assertResourceKey } from "./resource-key.ts";
import { specHash } from "./shared/spec-hash.ts";

export type FakeMethod = "apply" | "observe" | "stop" | "start" | "restart" | "restartReplica" | "destroy" | "logs";

export interface InjectedFailure {
  readonly method: FakeMethod;
  /** Only calls for this key / type (default: any). */
  readonly key?: string;
  readonly type?: string;
  /** How many matching calls fail. Default 1. */
  times?: number;
  /** Default: retryable IO_ERROR. */
  readonly error?: DriverError;
  /**
   * `before` (default): fail without doing anything. `after`: do the work, then fail, as a driver
   * that acted but whose answer was lost (a crash, a timeout) would look.
   */
  readonly when?: "before" | "after";
}

export interface FakeDriverOptions {
  readonly name?: string;
  /** Types handled. Default: the local driver's types. */
  readonly resourceTypes?: readonly string[];
  /** Attributes for types the fake does not know (default none). */
  readonly attributes?: (resource: DesiredResource) => Record<string, unknown>;
  /** Keep every call in `calls` (default true). Benchmarks turn it off: the log only grows. */
  readonly recordCalls?: boolean;
}

interface FakeResource {
  readonly type: string;
  properties: Readonly<Record<string, unknown>>;
  specHash: string;
  desiredState: "Running" | "Stopped";
  attributes: Record<string, unknown>;
  secretAttributes: string[];
  replicas: FakeReplica[];
  logs: LogLine[];
}

interface FakeReplica {
  index: number;
  port: number;
  ready: boolean;
  restartCount: number;
  lastState?: ObservedReplica["lastState"];
  specHash: string;
  startedAt: Date;
  pid: number;
}

/**
 * An in-memory `Driver` for engine tests: same contract as the local driver (idempotent apply,
 * destroy of a missing key is fine, terminal errors for invalid properties, the same attributes),
 * nothing runs. Failures are injected per method (`failNext`); every call is recorded (`calls`).
 */
export class FakeDriver implements Driver {
  readonly name: string;
  readonly resourceTypes: readonly string[];
  /** Every call in order, including failed ones. */
  readonly calls: { method: FakeMethod; key: string; type: string }[] = [];
  private readonly resources = new Map<string, FakeResource>();
  private readonly failures: InjectedFailure[] = [];
  private nextPort = 30_000;
  private nextPid = 40_000;

  constructor(private readonly options: FakeDriverOptions = {}) {
    this.name = options.name ?? "fake";
    this.resourceTypes = options.resourceTypes ?? LOCAL_RESOURCE_TYPES;
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  /** Makes the next matching call(s) fail. */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Keys that exist, for assertions. */
  keys(): string[] {
    return [...this.resources.keys()];
  }

  /** The last applied properties of a key. */
  propertiesOf(key: string): Readonly<Record<string, unknown>> | undefined {
    return this.resources.get(key)?.properties;
  }

  /** Simulates a replica crash: RestartCount grows, LastState records the exit. */
  crashReplica(key: string, index: number, exitCode = 1): void {
    const r = this.resources.get(key)?.replicas[index];
    if (!r) throw new Error(`no replica ${index} of ${key}`);
    r.restartCount++;
    r.lastState = { exitCode, signal: null, reason: exitCode === 0 ? "Completed" : "Error", finishedAt: new Date() };
    r.pid = this.nextPid++;
    r.startedAt = new Date();
  }

  setReplicaReady(key: string, index: number, ready: boolean): void {
    const r = this.resources.get(key)?.replicas[index];
    if (!r) throw new Error(`no replica ${index} of ${key}`);
    r.ready = ready;
  }

  appendLog(key: string, index: number, text: string): void {
    this.resources.get(key)?.logs.push({ replicaIndex: index, at: new Date(), text });
  }

  apply(resource: DesiredResource, _ctx?: ApplyContext): Promise<AppliedResource> {
    return this.call("apply", resource, () => {
      const hash = specHash(this.validate(resource));
      let r = this.resources.get(resource.key);
      if (r && r.type !== resource.type) {
        throw terminalError(DRIVER_ERROR_CODES.INVALID_KEY, `Key ${resource.key} already names a ${r.type}.`);
      }
      if (!r) {
        r = { type: resource.type, properties: resource.properties, specHash: "", desiredState: "Running", attributes: {}, secretAttributes: [], replicas: [], logs: [] };
        this.resources.set(resource.key, r);
      }
      if (r.specHash !== hash) this.update(resource, r, hash);
      r.desiredState = "Running";
      for (const replica of r.replicas) replica.ready = true;
      return this.applied(resource.key, r);
    });
  }

  observe(ref: ResourceRef): Promise<ObservedResource | undefined> {
    return this.call("observe", ref, () => {
      const r = this.resources.get(ref.key);
      if (!r) return undefined;
      const running = r.desiredState === "Running";
      const replicas = r.replicas.map((x): ObservedReplica => {
        const one: { -readonly [K in keyof ObservedReplica]: ObservedReplica[K] } = {
          index: x.index,
          status: running ? "Running" : "Stopped",
          ready: running && x.ready,
          port: x.port,
          restartCount: x.restartCount,
          specHash: x.specHash,
        };
        if (running && !x.ready) one.reason = "ReadinessCheckFailed";
        if (running) {
          one.pid = x.pid;
          one.startedAt = x.startedAt;
        }
        if (x.lastState) one.lastState = x.lastState;
        return one;
      });
      const applied = this.applied(ref.key, r);
      return {
        physicalId: applied.physicalId,
        attributes: applied.attributes,
        secretAttributes: applied.secretAttributes,
        key: ref.key,
        type: r.type,
        desiredState: r.desiredState,
        ready: running && replicas.every((x) => x.ready),
        specHash: r.specHash,
        replicas,
      };
    });
  }

  stop(ref: ResourceRef): Promise<void> {
    return this.call("stop", ref, () => {
      const r = this.require(ref);
      if (r.replicas.length > 0 && r.desiredState === "Running") {
        for (const x of r.replicas) x.lastState = { exitCode: 0, signal: null, reason: "Stopped", finishedAt: new Date() };
        r.desiredState = "Stopped";
      }
    });
  }

  start(ref: ResourceRef, _ctx?: ApplyContext): Promise<void> {
    return this.call("start", ref, () => {
      const r = this.require(ref);
      if (r.desiredState === "Stopped") for (const x of r.replicas) Object.assign(x, { pid: this.nextPid++, startedAt: new Date(), ready: true });
      r.desiredState = "Running";
    });
  }

  restart(ref: ResourceRef, _ctx?: ApplyContext): Promise<void> {
    return this.call("restart", ref, () => {
      const r = this.require(ref);
      for (const x of r.replicas) Object.assign(x, { pid: this.nextPid++, startedAt: new Date(), ready: true });
      r.desiredState = "Running";
    });
  }

  restartReplica(ref: ResourceRef, replicaIndex: number, options: RestartReplicaOptions): Promise<void> {
    return this.call("restartReplica", ref, () => {
      const r = this.require(ref);
      const x = r.replicas[replicaIndex];
      if (!x) throw terminalError(DRIVER_ERROR_CODES.REPLICA_NOT_FOUND, `${ref.type} ${ref.key} has no replica ${replicaIndex}.`);
      if (r.desiredState === "Stopped") throw terminalError(DRIVER_ERROR_CODES.UNSUPPORTED_OPERATION, `${ref.type} ${ref.key} is stopped.`);
      if (options.soft) {
        x.restartCount++;
        x.lastState = { exitCode: null, signal: "SIGTERM", reason: "Stopped", finishedAt: new Date() };
      } else {
        x.restartCount = 0;
        delete x.lastState;
      }
      Object.assign(x, { pid: this.nextPid++, startedAt: new Date(), ready: true });
    });
  }

  destroy(ref: ResourceRef, _options?: DestroyOptions): Promise<void> {
    return this.call("destroy", ref, () => {
      this.resources.delete(ref.key);
    });
  }

  logs(ref: ResourceRef, options: LogOptions = {}): Promise<LogLine[]> {
    return this.call("logs", ref, () => {
      const lines = this.require(ref).logs.filter(
        (l) => (options.replicaIndex === undefined || l.replicaIndex === options.replicaIndex) && (!options.since || l.at >= options.since),
      );
      return options.tail !== undefined ? lines.slice(Math.max(0, lines.length - options.tail)) : lines;
    });
  }

  private update(resource: DesiredResource, r: FakeResource, hash: string): void {
    r.properties = resource.properties;
    r.specHash = hash;
    if (resource.type === LOCAL_PROCESS_TYPE) {
      const count = parseProcessSpec(resource.properties, { maxReplicas: 100, workingDirBase: "/" }).replicas;
      r.replicas = r.replicas.slice(0, count);
      for (const x of r.replicas) Object.assign(x, { specHash: hash, pid: this.nextPid++, startedAt: new Date() });
      while (r.replicas.length < count) {
        r.replicas.push({ index: r.replicas.length, port: this.nextPort++, ready: true, restartCount: 0, specHash: hash, startedAt: new Date(), pid: this.nextPid++ });
      }
      const ports = r.replicas.map((x) => x.port);
      r.attributes = { Url: ports.length ? `http://127.0.0.1:${ports[0]}` : "", Addresses: ports.map((p) => `127.0.0.1:${p}`), Ports: ports, Replicas: ports.length };
    } else if (resource.type === RANDOM_STRING_TYPE) {
      const spec = parseRandomStringSpec(resource.properties);
      let value = "";
      for (let i = 0; i < spec.length; i++) value += spec.characters[randomInt(0, spec.characters.length)];
      r.attributes = { Value: value };
      r.secretAttributes = ["Value"];
    } else if (resource.type === LOCAL_DIRECTORY_TYPE) {
      const path = typeof resource.properties["Path"] === "string" ? resource.properties["Path"] : resource.key;
      r.attributes = { Path: `/fake/volumes/${path}` };
    } else {
      r.attributes = this.options.attributes?.(resource) ?? {};
    }
  }

  /** Same property rules as the local driver for its types; other types accept anything. */
  private validate(resource: DesiredResource): unknown {
    switch (resource.type) {
      case LOCAL_PROCESS_TYPE:
        return parseProcessSpec(resource.properties, { maxReplicas: 100, workingDirBase: "/" });
      case RANDOM_STRING_TYPE:
        return parseRandomStringSpec(resource.properties);
      default:
        return resource.properties;
    }
  }

  private applied(key: string, r: FakeResource): AppliedResource {
    const physicalId = r.type === LOCAL_DIRECTORY_TYPE ? String(r.attributes["Path"]) : key;
    // Shared, not copied: they are replaced (never changed) on update, and callers only read them.
    return { physicalId, attributes: r.attributes, secretAttributes: r.secretAttributes };
  }

  private require(ref: ResourceRef): FakeResource {
    const r = this.resources.get(ref.key);
    if (!r) throw terminalError(DRIVER_ERROR_CODES.RESOURCE_NOT_FOUND, `${ref.type} ${ref.key} does not exist.`);
    return r;
  }

  private async call<T>(method: FakeMethod, ref: ResourceRef, work: () => T): Promise<T> {
    if (this.options.recordCalls !== false) this.calls.push({ method, key: ref.key, type: ref.type });
    assertResourceKey(ref.key);
    if (!this.resourceTypes.includes(ref.type)) {
      throw terminalError(DRIVER_ERROR_CODES.UNSUPPORTED_RESOURCE_TYPE, `Driver ${this.name} does not handle resource type ${JSON.stringify(ref.type)}.`);
    }
    const failure = this.failures.find((f) => f.method === method && (!f.key || f.key === ref.key) && (!f.type || f.type === ref.type));
    if (failure && --failure.times! <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
    const error = failure ? (failure.error ?? retryableError(DRIVER_ERROR_CODES.IO_ERROR, `Injected ${method} failure for ${ref.key}.`)) : undefined;
    if (error && failure?.when !== "after") throw error;
    const result = work();
    if (error) throw error;
    return result;
  }
}
