import { randomBytes } from "node:crypto";
import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { newPrefixedId } from "../shared/ids.ts";
import { type EasContext } from "./eas-deps.ts";
import { EasErrorCodes } from "./eas-errors.ts";
import type { EasOperationPlan, EasServiceFilter, EasServicePage } from "./eas-ports.ts";
import type { EasEvent, EasLabel, EasService, EasServiceVersion } from "./eas-service.ts";
import { beginEasTransition, EAS_TRANSITIONS, statusInvalid, type EasOperation } from "./eas-service-status.ts";
import { resize, safeRun, sameExceptInstances, withName } from "./eas-service-plans.ts";
import { mergeSpec, specRunSpec, validateSpec, withInstances, type ServiceSpec } from "./eas-spec.ts";

export interface CreateServiceInput {
  readonly regionId: string;
  readonly spec: unknown;
  readonly labels?: Readonly<Record<string, string>>;
  readonly develop?: boolean;
  readonly workspaceId?: string;
}

export interface ListServicesInput extends Omit<EasServiceFilter, "accountId" | "regionId"> {
  readonly regionId: string;
  readonly sort?: string;
  readonly order?: string;
  readonly pageNumber: number;
  readonly pageSize: number;
}

const SORTS = { CreateTime: "CreateTime", UpdateTime: "UpdateTime", ServiceName: "ServiceName", Name: "ServiceName" } as const;
const bad = (parameter: string, message: string) => new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, message, { parameter });

/**
 * The EAS service lifecycle (A.3): create, read, list, update (merge/replace, new versions,
 * rolling rollout), switch version, scale, stop, start, restart, delete, labels. Long work runs
 * as one engine workflow per operation, one at a time per service; the workflow reports back
 * through `completeOperation`.
 */
export class EasServiceManager {
  constructor(private readonly c: EasContext) {}

  async create(caller: Principal, input: CreateServiceInput): Promise<EasService> {
    const { spec, name, sizing, run } = validateSpec(input.spec);
    const now = this.c.now();
    const slots = Array.from({ length: sizing.instances }, (_, i) => i);
    const token = typeof spec.token === "string" && spec.token ? spec.token : randomBytes(30).toString("base64");
    const service: EasService = {
      id: newPrefixedId("eas-m"),
      name,
      accountId: caller.accountId,
      callerUid: caller.principalId ?? caller.accountId,
      regionId: input.regionId,
      status: input.develop ? "Developing" : "Creating",
      reason: input.develop ? "DEVELOPING" : "CREATING",
      message: input.develop ? "Service is in development mode" : "Service is being created",
      spec,
      currentVersion: 1,
      latestVersion: 1,
      slots,
      nextSlot: slots.length,
      accessToken: token,
      labels: Object.entries(input.labels ?? {}).map(([key, value]) => ({ key, value: String(value) })),
      workspaceId: input.workspaceId || sizing.workspaceId,
      develop: input.develop ?? false,
      safetyLock: "none",
      isolated: [],
      detached: [],
      generations: {},
      createdAt: now,
      updatedAt: now,
    };
    const version: EasServiceVersion = { serviceId: service.id, version: 1, spec, message: "Service created", createdAt: now };
    if (input.develop) {
      await this.c.repo.create(service, version);
      return service;
    }
    const key = this.c.newKey(service.id, "Create");
    const plan: EasOperationPlan = { run, slots, remove: [] };
    const pending: EasService = { ...service, operation: { kind: "Create", requestedAt: now, key, args: { version: 1, plan } } };
    await this.c.repo.create(pending, version);
    await this.c.event(pending, { type: "Normal", reason: "Creating", resource: "Service", message: { versionId: 1, message: "Service created" } });
    await this.submit(pending);
    return pending;
  }

  get(caller: Principal, regionId: string, name: string): Promise<EasService> {
    return this.c.require(caller.accountId, regionId, name);
  }

  async list(caller: Principal, input: ListServicesInput): Promise<EasServicePage> {
    const by = input.sort ? SORTS[input.sort as keyof typeof SORTS] : "CreateTime";
    if (!by) throw bad("Sort", `The specified Sort ${input.sort} is not valid: use CreateTime, UpdateTime or ServiceName.`);
    if (input.order && input.order !== "asc" && input.order !== "desc") throw bad("Order", `The specified Order ${input.order} is not valid: use asc or desc.`);
    const { sort: _s, order, pageNumber, pageSize, ...filter } = input;
    return this.c.repo.list({ ...filter, accountId: caller.accountId }, { by, desc: order !== "asc" }, { offset: (pageNumber - 1) * pageSize, limit: pageSize });
  }

  /**
   * UpdateService (A.3.3): `merge` merges the body into the stored spec, `replace` takes it as
   * the spec. A change of metadata.instance alone scales (no new version); anything else makes
   * a new version rolled out instance by instance.
   */
  async update(caller: Principal, regionId: string, name: string, body: unknown, updateType: "merge" | "replace" = "merge"): Promise<EasService> {
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw bad("body", "The request body must be a JSON object (the service spec to merge or replace).");
    const service = await this.c.require(caller.accountId, regionId, name);
    const merged = updateType === "replace" ? { ...(body as ServiceSpec) } : mergeSpec(service.spec, body as ServiceSpec);
    // The name cannot change: keep it where the stored spec has it.
    const named = withName(merged, service);
    const { spec, sizing, run } = validateSpec(named);
    if (sameExceptInstances(service.spec, spec)) return this.scale(caller, regionId, name, sizing.instances, []);
    const version = service.latestVersion + 1;
    const { slots, remove, nextSlot } = resize(service, sizing.instances, []);
    return this.begin(service, "Update", { spec, latestVersion: version, slots, nextSlot }, { run, slots, remove }, { version }, {
      version: { serviceId: service.id, version, spec, message: `Service updated (${updateType})`, createdAt: this.c.now() },
    });
  }

  /** UpdateServiceVersion (A.3.4): run a stored version again. */
  async switchVersion(caller: Principal, regionId: string, name: string, version: number): Promise<EasService> {
    const service = await this.c.require(caller.accountId, regionId, name);
    if (!Number.isInteger(version) || version < 1 || version > service.latestVersion) {
      throw bad("Version", `The specified Version ${version} is not valid: service ${name} has versions 1 to ${service.latestVersion}.`);
    }
    const stored = await this.c.repo.getVersion(service.id, version);
    if (!stored) throw new DomainError("NotFound", EasErrorCodes.VERSION_NOT_FOUND, `Version ${version} of service ${name} does not exist.`, { parameter: "Version" });
    const spec = withInstances(stored.spec, service.slots.length);
    const run = specRunSpec(spec);
    return this.begin(service, "SwitchVersion", { spec }, { run, slots: service.slots, remove: [] }, { version });
  }

  /** ScaleService (A.3.5): `victims` are instance slots preferred for removal on scale-in. */
  async scale(caller: Principal, regionId: string, name: string, instances: number, victims: readonly number[], source = "ScaleService"): Promise<EasService> {
    const service = await this.c.require(caller.accountId, regionId, name);
    return this.scaleService(service, instances, victims, source);
  }

  async scaleService(service: EasService, instances: number, victims: readonly number[], source: string): Promise<EasService> {
    if (!Number.isInteger(instances) || instances < 0 || instances > 100) throw bad("Instance", "Instance must be an integer from 0 to 100.");
    const { slots, remove, nextSlot } = resize(service, instances, victims);
    const added = slots.filter((s) => !service.slots.includes(s));
    if (added.length === 0 && remove.length === 0) return service;
    const spec = withInstances(service.spec, instances);
    return this.begin(service, "Scale", { spec, slots, nextSlot }, { run: specRunSpec(spec), slots: added, remove }, { from: service.slots.length, to: instances, source });
  }

  async stop(caller: Principal, regionId: string, name: string): Promise<EasService> {
    const s = await this.c.require(caller.accountId, regionId, name);
    return this.begin(s, "Stop", {}, { run: specRunSpec(s.spec), slots: s.slots, remove: [] }, {});
  }

  async start(caller: Principal, regionId: string, name: string): Promise<EasService> {
    const s = await this.c.require(caller.accountId, regionId, name);
    return this.begin(s, "Start", {}, { run: specRunSpec(s.spec), slots: s.slots, remove: [] }, {});
  }

  async restart(caller: Principal, regionId: string, name: string): Promise<EasService> {
    const s = await this.c.require(caller.accountId, regionId, name);
    return this.begin(s, "Restart", {}, { run: specRunSpec(s.spec), slots: s.slots, remove: [] }, {});
  }

  async delete(caller: Principal, regionId: string, name: string): Promise<EasService> {
    const found = await this.c.require(caller.accountId, regionId, name);
    if (found.operation?.kind === "Delete") return found;
    if (found.develop && !found.operation) {
      await this.c.repo.delete(found.id);
      return found;
    }
    const { service, leftover } = found.operation ? await this.supersede(found) : { service: found, leftover: [] };
    // Detached (fenced) instances are no longer the service's: they outlive it for debugging.
    const remove = [...new Set([...service.slots, ...leftover])].sort((a, b) => a - b);
    return this.begin(service, "Delete", {}, { run: safeRun(service), slots: [], remove }, {});
  }

  /**
   * A delete does not wait behind a create, scale or update that may never settle: that
   * operation's workflow is cancelled and the slots it was adding or removing go with the rest.
   */
  private async supersede(s: EasService): Promise<{ service: EasService; leftover: number[] }> {
    const op = s.operation!;
    await this.c.runtime.cancel(s.id, op.key);
    const plan = op.args.plan as EasOperationPlan | undefined;
    const done = await this.c.mutate(s.id, (cur) =>
      cur.operation?.key === op.key ? { ...cur, status: "Failed", reason: `${op.kind.toUpperCase()}_CANCELLED`, message: `${op.kind} was cancelled by DeleteService`, operation: undefined } : undefined,
    );
    if (!done) throw new DomainError("NotFound", EasErrorCodes.SERVICE_NOT_FOUND, `The service ${s.name} does not exist in region ${s.regionId}.`);
    return { service: done.after, leftover: [...(plan?.slots ?? []), ...(plan?.remove ?? [])] };
  }

  /** ListServiceVersions: newest first. */
  async versions(caller: Principal, regionId: string, name: string, pageNumber: number, pageSize: number): Promise<{ items: EasServiceVersion[]; totalCount: number }> {
    const s = await this.c.require(caller.accountId, regionId, name);
    return this.c.repo.listVersions(s.id, { offset: (pageNumber - 1) * pageSize, limit: pageSize });
  }

  /** DescribeServiceEvent: oldest first within [from, to). */
  async events(
    caller: Principal,
    regionId: string,
    name: string,
    q: { from: Date; to: Date; type?: string; instanceName?: string; pageNum: number; pageSize: number },
  ): Promise<{ items: EasEvent[]; totalCount: number }> {
    const s = await this.c.require(caller.accountId, regionId, name);
    const { pageNum, pageSize, ...rest } = q;
    return this.c.repo.listEvents(s.id, { ...rest, offset: (pageNum - 1) * pageSize, limit: pageSize });
  }

  /** UpdateServiceLabel: adds or overwrites labels. */
  async updateLabels(caller: Principal, regionId: string, name: string, labels: Readonly<Record<string, unknown>>): Promise<void> {
    const s = await this.c.require(caller.accountId, regionId, name);
    for (const [k, v] of Object.entries(labels)) if (!k || typeof v === "object") throw bad("Labels", `Label ${k} must have a text value.`);
    await this.c.mutate(s.id, (cur) => {
      const map = new Map(cur.labels.map((l) => [l.key, l.value]));
      for (const [k, v] of Object.entries(labels)) map.set(k, String(v));
      return { ...cur, labels: [...map].map(([key, value]): EasLabel => ({ key, value })) };
    });
  }

  /** DeleteServiceLabel: removes the named keys; unknown keys are ignored. */
  async deleteLabels(caller: Principal, regionId: string, name: string, keys: readonly string[]): Promise<void> {
    const s = await this.c.require(caller.accountId, regionId, name);
    await this.c.mutate(s.id, (cur) => ({ ...cur, labels: cur.labels.filter((l) => !keys.includes(l.key)) }));
  }

  /**
   * Called by the engine when an operation's workflow ends. Idempotent: a second call for an
   * operation that is no longer recorded does nothing.
   */
  async completeOperation(serviceId: string, kind: EasOperation, outcome: { succeeded: boolean; message: string }): Promise<void> {
    const t = EAS_TRANSITIONS[kind];
    if (kind === "Delete" && outcome.succeeded) {
      const s = await this.c.repo.get(serviceId);
      if (s?.operation?.kind === "Delete") await this.c.repo.delete(serviceId);
      this.c.meter.forget(serviceId);
      this.c.autoscaling.forget(serviceId);
      return;
    }
    const done = await this.c.mutate(serviceId, (s) => {
      if (s.operation?.kind !== kind) return undefined;
      const version = s.operation.args.version;
      const status = outcome.succeeded ? t.success : t.failure;
      return {
        ...s,
        status,
        reason: outcome.succeeded ? status.toUpperCase() : `${kind.toUpperCase()}_FAILED`,
        message: outcome.message,
        ...(outcome.succeeded && typeof version === "number" ? { currentVersion: version } : {}),
        operation: undefined,
      };
    });
    if (done && done.after !== done.before) {
      await this.c.event(done.after, {
        type: outcome.succeeded ? "Normal" : "Warning",
        reason: done.after.status,
        resource: "Service",
        message: { versionId: done.after.currentVersion, message: outcome.message },
      });
    }
  }

  /** Records the operation on the service (status -> its `during`), then queues its workflow. */
  private async begin(
    service: EasService,
    kind: EasOperation,
    changes: Partial<EasService>,
    plan: EasOperationPlan,
    args: Record<string, unknown>,
    extra: { version?: EasServiceVersion } = {},
  ): Promise<EasService> {
    if (service.develop) throw statusInvalid(kind, service, "the service is in development mode");
    const key = this.c.newKey(service.id, kind);
    const t = EAS_TRANSITIONS[kind];
    const written = await this.c.mutate(service.id, (cur) => {
      if (cur.operation) throw statusInvalid(kind, cur, `${cur.operation.kind} is in progress`);
      beginEasTransition(kind, cur.name, cur.status);
      return { ...cur, ...changes, status: t.during, reason: t.during.toUpperCase(), message: `Service is ${t.during.toLowerCase()}`, operation: { kind, requestedAt: this.c.now(), key, args: { ...args, plan } } };
    });
    if (!written) throw new DomainError("NotFound", EasErrorCodes.SERVICE_NOT_FOUND, `The service ${service.name} does not exist in region ${service.regionId}.`);
    if (extra.version) await this.c.repo.addVersion(extra.version);
    await this.c.event(written.after, { type: "Normal", reason: t.during, resource: "Service", message: { versionId: written.after.latestVersion, message: `${kind} requested`, ...args } });
    await this.submit(written.after);
    return written.after;
  }

  /**
   * Queues the recorded operation's workflow and notes its id. Also used after a crash between
   * recording and queueing: the key finds the workflow if it was queued after all.
   */
  async submit(service: EasService): Promise<void> {
    const op = service.operation!;
    const plan = op.args.plan as EasOperationPlan;
    const workflowId = await this.c.runtime.submit({ serviceId: service.id, operation: op.kind, key: op.key, plan });
    await this.c.mutate(service.id, (cur) => (cur.operation?.key === op.key && !cur.operation.workflowId ? { ...cur, operation: { ...cur.operation, workflowId } } : undefined));
  }
}
