/**
 * The driver interface: how the engine makes, inspects and removes the resources a template
 * declares. Small on purpose (after kysely's `Driver`); drivers know nothing of HTTP, faces, IAM
 * or the store. One driver handles one or more resource types (`Nestbox::Local::Process`, …);
 * `createDriverRegistry` (driver-registry.ts) dispatches on the type.
 *
 * Errors: every method rejects with a `DriverError` (driver-error.ts) whose `retryable` says
 * whether trying the same call again may succeed (controller-runtime's TerminalError, inverted).
 * Anything else a driver throws is an environment failure or a bug; treat it as retryable.
 *
 * Repeats: every method is safe to call again after a crash or a timeout with the same arguments.
 * Calls for the same key are serialized by the driver; calls for different keys run in parallel.
 */
export interface Driver {
  /** Short name used in config and logs (`local`, `fake`, `kubernetes`). */
  readonly name: string;
  /** Resource types this driver handles, e.g. `Nestbox::Local::Process`. */
  readonly resourceTypes: readonly string[];

  /**
   * Loads what the driver left on disk (or wherever it keeps state) and starts its background
   * work; for `local` this re-adopts replicas that outlived the previous nestbox process.
   * Call once before anything else; a second call does nothing.
   */
  open(): Promise<void>;

  /**
   * Stops background work. Never stops what the driver runs: processes keep running and are
   * re-adopted by the next `open`. Calls still waiting (e.g. `apply` waiting for readiness) reject
   * with a retryable `DRIVER_CLOSED`. A second call does nothing.
   */
  close(): Promise<void>;

  /**
   * Makes the resource exist with these properties and waits until it is ready.
   *
   * - First call for a key: creates it.
   * - Same key, same properties: adopts what exists (no restart) and returns the same physicalId.
   * - Same key, changed properties: updates in place; for processes replica by replica (start a
   *   new replica, wait until it is ready, stop the old one) so the service stays up.
   * - A stopped resource is started.
   *
   * Rejects with a terminal error for invalid properties or a resource that cannot become ready
   * (the message carries the reason, e.g. the exit code and the tail of the log); what was made
   * stays, so `observe` shows it and `destroy` removes it.
   */
  apply(resource: DesiredResource, ctx?: ApplyContext): Promise<AppliedResource>;

  /** What exists now, or `undefined` when nothing exists for the key. Never changes anything. */
  observe(ref: ResourceRef): Promise<ObservedResource | undefined>;

  /**
   * Stops what runs (SIGTERM, then SIGKILL after the resource's stop timeout) and keeps it
   * stopped: no restarts until `start` or `apply`. Stopping a stopped resource does nothing;
   * resources that run nothing (strings, directories) accept it and do nothing.
   * Rejects with terminal `RESOURCE_NOT_FOUND` for an unknown key.
   */
  stop(ref: ResourceRef): Promise<void>;

  /**
   * Starts a stopped resource with its last applied properties and waits until it is ready
   * (as `apply` does). Starting a running resource only waits for readiness.
   * Rejects with terminal `RESOURCE_NOT_FOUND` for an unknown key.
   */
  start(ref: ResourceRef, ctx?: ApplyContext): Promise<void>;

  /**
   * Restarts every replica one after another on the port it had, waiting for each to be ready
   * before the next, so a resource with two or more replicas stays available. A stopped resource
   * is started. Rejects with terminal `RESOURCE_NOT_FOUND` for an unknown key.
   */
  restart(ref: ResourceRef, ctx?: ApplyContext): Promise<void>;

  /**
   * Restarts one replica without waiting for readiness (EAS DeleteServiceInstances).
   * `soft`: graceful stop and start again, RestartCount grows (a container restart).
   * Not soft: killed and recreated, RestartCount and LastState start over (a new pod).
   * Rejects with terminal `REPLICA_NOT_FOUND` when the index does not exist.
   */
  restartReplica(ref: ResourceRef, replicaIndex: number, options: RestartReplicaOptions): Promise<void>;

  /**
   * Removes the resource and everything it made (processes, files). Idempotent: a missing
   * resource is fine. `deletionPolicy: "Retain"` keeps data that outlives the resource
   * (directories); processes are always stopped.
   */
  destroy(ref: ResourceRef, options?: DestroyOptions): Promise<void>;

  /**
   * Output of the resource's replicas, oldest first, merged across replicas by time.
   * Empty for resources that run nothing; rejects with terminal `RESOURCE_NOT_FOUND` for an
   * unknown key.
   */
  logs(ref: ResourceRef, options?: LogOptions): Promise<LogLine[]>;
}

/** Identifies one resource to a driver. */
export interface ResourceRef {
  /**
   * Stable idempotency key, derived by the engine from the instance id and the logical id
   * (e.g. `si-0123456789abcdef0123.Web`). Letters, digits, `.`, `_`, `-`; 1..200 characters;
   * starts with a letter or digit (it names files and directories). See resource-key.ts.
   */
  readonly key: string;
  readonly type: string;
}

/** A resource as the template wants it, properties already resolved (no intrinsic functions). */
export interface DesiredResource extends ResourceRef {
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface ApplyContext {
  /** Aborts waiting; the call rejects with retryable `ABORTED`. What was started keeps running. */
  readonly signal?: AbortSignal;
  /**
   * How long to wait for readiness before failing with terminal `NOT_READY`. Default 120 s.
   * Applies to each wait: new replicas together, then each replacement of a rolling update.
   */
  readonly readyTimeoutMs?: number;
}

export interface AppliedResource {
  /** The driver's own id for the resource (PhysicalResourceId). */
  readonly physicalId: string;
  /** Values `Fn::GetAtt` can read, by attribute name. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Attribute names whose values are secrets: the engine masks anything derived from them. */
  readonly secretAttributes: readonly string[];
}

export interface ObservedResource extends AppliedResource {
  readonly key: string;
  readonly type: string;
  /** What the resource was last told to be: `Stopped` after `stop`, `Running` otherwise. */
  readonly desiredState: "Running" | "Stopped";
  /** Running and every replica ready (always true for resources that run nothing). */
  readonly ready: boolean;
  /** Hash of the last applied properties; replicas with another `specHash` are not yet updated. */
  readonly specHash: string;
  /** Empty for resources that run nothing. */
  readonly replicas: readonly ObservedReplica[];
}

/**
 * Kubernetes-like replica phases: `Pending` (not started yet, or waiting to be restarted after
 * a crash, see `reason`), `Running` (process alive; `ready` says whether it passes its readiness
 * check), `Terminating` (being stopped), `Succeeded` / `Failed` (exited with 0 / otherwise and
 * will not be restarted: restart policy), `Stopped` (stopped on request).
 */
export type ReplicaStatus = "Pending" | "Running" | "Terminating" | "Succeeded" | "Failed" | "Stopped";

export interface ObservedReplica {
  readonly index: number;
  readonly status: ReplicaStatus;
  readonly ready: boolean;
  /** Why the replica is not ready (`Starting`, `CrashLoopBackOff`, `ReadinessCheckFailed`, …). */
  readonly reason?: string;
  readonly pid?: number;
  /** Allocated on 127.0.0.1; kept across restarts while free. */
  readonly port: number;
  readonly restartCount: number;
  readonly startedAt?: Date;
  readonly lastState?: ReplicaTermination;
  /** The properties hash this replica runs (compare with `ObservedResource.specHash`). */
  readonly specHash: string;
}

/** How a replica's previous run ended. */
export interface ReplicaTermination {
  /** `null` when killed by a signal or when the exit was not seen (re-adopted after a restart). */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** `Completed` (exit 0), `Error`, `StartError`, `Stopped` (on request), `UnknownExit`. */
  readonly reason: string;
  readonly message?: string;
  readonly finishedAt: Date;
}

export interface RestartReplicaOptions {
  readonly soft: boolean;
}

export interface DestroyOptions {
  /** `Retain` keeps data that outlives the resource (directories). Default `Delete`. */
  readonly deletionPolicy?: "Delete" | "Retain";
}

export interface LogOptions {
  /** Only the last N lines (after filtering). */
  readonly tail?: number;
  /** Only lines written at or after this time. */
  readonly since?: Date;
  /** Only this replica. */
  readonly replicaIndex?: number;
}

export interface LogLine {
  readonly replicaIndex: number;
  /**
   * When the line was written, as observed by the driver: exact to the supervisor's interval
   * while nestbox runs, and the time nestbox first saw it for output written while it was down.
   */
  readonly at: Date;
  readonly text: string;
}
