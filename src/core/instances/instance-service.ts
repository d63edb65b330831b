import type { Principal } from "../accounts/account.ts";
import { requestHash } from "../catalog/catalog-support.ts";
import { DomainError, isDomainError } from "../shared/domain-error.ts";
import { newPrefixedId } from "../shared/ids.ts";
import { instanceNotFound, InstanceErrorCodes as E, badInstanceArgument } from "./instance-errors.ts";
import { InstanceMarketOperations } from "./instance-market.ts";
import { InstanceVersionChanges } from "./instance-version-changes.ts";
import type {
  ContinueDeployInput,
  ContinueDeployResult,
  CreateInstanceInput,
  CreateInstanceResult,
  UpdateAttributesInput,
  UpgradeInstanceInput,
  UpgradeInstanceResult,
} from "./instance-inputs.ts";
import { checkClientToken, checkInstanceName, checkResourceGroupId, checkTags, deploymentRegion, mergeSpecification } from "./instance-rules.ts";
import { beginTransition, type InstanceOperation } from "./instance-status.ts";
import type { Change } from "./instance-store.ts";
import { newInstance } from "./new-instance.ts";
import type { ServiceInstance } from "./service-instance.ts";
import type { InstanceServiceDeps, ProvisionCheck } from "./instance-ports.ts";
import type { InstanceLogView, InstanceResourceView, InstanceView, LogListQuery, ResourceListQuery } from "./instance-inputs.ts";
import type { Page } from "../shared/page.ts";
import type { UpgradeHistoryEntry } from "./instance-event.ts";
import { actingPrincipal, type OperatedAction } from "./supplier-access.ts";
import { statusOperationsOf } from "./version-metadata.ts";

export type { InstanceServiceDeps, ProvisionCheck } from "./instance-ports.ts";
export type { OperationOutcome, ProgressReport } from "./instance-lifecycle.ts";

const MAX_DELETE = 100;
const DAY_MS = 86_400_000;

/**
 * The service-instance use-cases of Compute Nest (ALIBABA.md 3.2-3.11, 4.6).
 *
 * - Callers act on their own instances; another account's instance, and on the user side a
 *   Deleted one, is SERVICE_INSTANCE_NOT_FOUND like a missing id. Suppliers read their
 *   customers' instances of their services (getForSupplier, listForSupplier).
 * - Long work runs on the engine (InstanceRuntime): an operation records its intent with the
 *   in-progress status, then submits (instance-lifecycle.ts); the engine reports back through
 *   recordProgress and completeOperation.
 * - A status that does not allow the operation is INSTANCE_STATUS_INVALID (instance-status.ts).
 * - Every status change is a compare-and-set on updatedAt, retried on a lost race.
 */
export class InstanceService extends InstanceMarketOperations {
  private readonly provisions: ProvisionCheck | undefined;
  private readonly versionChanges: InstanceVersionChanges;

  constructor(deps: InstanceServiceDeps) {
    super(deps);
    this.provisions = deps.provisions;
    this.versionChanges = new InstanceVersionChanges({
      deps,
      catalogView: this.catalogView,
      actingFor: (caller, id, action) => this.actingFor(caller, id, action),
      settled: (caller, id, operation) => this.settled(caller, id, operation),
      begin: (caller, id, operation, options) => this.begin(caller, id, operation, options),
    });
  }

  /**
   * CreateServiceInstance. With a ClientToken, the same token and request give the same
   * instance (also under concurrency: the (account, token) pair is unique in the store and the
   * losers read the winner's instance back); a different request is IDEMPOTENT_PARAMETER_MISMATCH.
   * DryRun validates everything, the template parameters included, and stores nothing.
   */
  async create(caller: Principal, input: CreateInstanceInput): Promise<CreateInstanceResult> {
    const clientToken = checkClientToken(input.clientToken);
    const name = input.name ? checkInstanceName(input.name) : undefined;
    const tags = checkTags(input.tags);
    const resourceGroupId = checkResourceGroupId(input.resourceGroupId);
    const trialType = input.trialType || "NotTrial";
    if (trialType !== "Trial" && trialType !== "NotTrial") {
      throw badInstanceArgument("TrialType", `The specified TrialType ${JSON.stringify(input.trialType)} is not valid; use Trial or NotTrial.`);
    }
    const { clientToken: _t, dryRun: _d, ...request } = input;
    const hash = requestHash({ ...request, accountId: caller.accountId });
    if (clientToken && !input.dryRun) {
      const earlier = await this.replay(caller, clientToken, hash);
      if (earlier) return earlier;
    }

    const resolved = await this.catalogView.resolve(caller, input.serviceId, input.serviceVersion, input.templateName);
    const trial = trialType === "Trial";
    if (trial && !(resolved.version.trialDuration && resolved.version.trialDuration > 0)) {
      throw badInstanceArgument("TrialType", `The service ${input.serviceId} version ${resolved.version.version} offers no trial.`);
    }
    const merged = mergeSpecification(resolved.predefinedParameters, input.specificationName, input.parameters ?? {});
    const regionId = deploymentRegion(merged, input.regionId, (r) => this.deps.regions.has(r), resolved.allowedRegions);
    const id = newPrefixedId("si");
    const prepared = this.deps.planner.prepare({ templateBody: resolved.templateBody, parameters: merged, regionId, accountId: caller.accountId, instanceId: id });
    const resourceTypes = prepared.resources.map((r) => r.type);
    await this.provisions?.ensureDeployable({ accountId: caller.accountId, resolved, resourceTypes, dryRun: input.dryRun === true });
    const now = this.deps.clock.now();
    const instance = newInstance({
      id,
      caller,
      resolved,
      prepared,
      regionId,
      name,
      specificationName: input.specificationName || undefined,
      tags,
      resourceGroupId,
      enableInstanceOps: input.enableInstanceOps === true,
      enableUserPrometheus: input.enableUserPrometheus === true,
      endTime: trial ? new Date(now.getTime() + resolved.version.trialDuration! * DAY_MS) : undefined,
      market: input.market,
      now,
    });
    if (input.dryRun) return { instance, dryRun: true };

    try {
      await this.deps.instances.create(instance, clientToken ? { clientToken, requestHash: hash } : undefined);
    } catch (e) {
      if (clientToken && isDomainError(e) && e.code === E.CLIENT_TOKEN_TAKEN) {
        const earlier = await this.replay(caller, clientToken, hash);
        if (earlier) return earlier;
      }
      throw e;
    }
    await this.store.record(instance, [
      { status: "Created", content: `Created from service ${instance.serviceId} version ${instance.serviceVersion} (template ${instance.templateName}).` },
    ]);
    this.deps.log.info({ instanceId: id, accountId: caller.accountId, serviceId: instance.serviceId }, "Created ServiceInstance");
    return { instance: await this.dispatch(instance), dryRun: false };
  }

  /**
   * DeleteServiceInstances: 1..100 of the caller's instances, each in a status that allows
   * Delete. Every id is checked before any deletion starts. An instance already Deleting is
   * left to its running deletion, so a retried call succeeds. Deleted instances disappear from
   * the user side once the engine completes the deletion.
   */
  async delete(caller: Principal, serviceInstanceIds: readonly string[]): Promise<ServiceInstance[]> {
    if (serviceInstanceIds.length === 0 || serviceInstanceIds.length > MAX_DELETE) {
      throw badInstanceArgument("ServiceInstanceId", `ServiceInstanceId must list 1 to ${MAX_DELETE} service instances.`);
    }
    const checked: { instance: ServiceInstance; actor: Principal }[] = [];
    for (const id of new Set(serviceInstanceIds)) {
      const actor = await this.actingFor(caller, id, "DeleteServiceInstances");
      const instance = await this.owned(actor, id);
      if (instance.status !== "Deleting") {
        if (instance.currentOperation) throw badStatus(instance, "Delete");
        beginTransition("Delete", instance.status);
      }
      checked.push({ instance, actor });
    }
    const result: ServiceInstance[] = [];
    for (const { instance, actor } of checked) {
      result.push(instance.status === "Deleting" ? instance : await this.begin(actor, instance.id, "Delete", { statusDetail: "Deleting." }));
    }
    return result;
  }

  /** UpgradeServiceInstance (instance-version-changes.ts). */
  upgrade(supplierOrOwner: Principal, input: UpgradeInstanceInput): Promise<UpgradeInstanceResult> {
    return this.versionChanges.upgrade(supplierOrOwner, input);
  }

  /** RollbackServiceInstance (instance-version-changes.ts). */
  rollback(supplierOrOwner: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    return this.versionChanges.rollback(supplierOrOwner, serviceInstanceId);
  }

  /** ContinueDeployServiceInstance (instance-version-changes.ts). */
  continueDeploy(supplierOrOwner: Principal, input: ContinueDeployInput): Promise<ContinueDeployResult> {
    return this.versionChanges.continueDeploy(supplierOrOwner, input);
  }

  /** StartServiceInstance (Stopped or StartFailed). */
  start(caller: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    return this.statusOperation(caller, serviceInstanceId, "Start");
  }

  /** StopServiceInstance (Deployed or StopFailed). */
  stop(caller: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    return this.statusOperation(caller, serviceInstanceId, "Stop");
  }

  /** RestartServiceInstance (Deployed). */
  restart(caller: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    return this.statusOperation(caller, serviceInstanceId, "Restart");
  }

  /**
   * UpdateServiceInstanceAttributes: managed O&M on or off (the version must support being
   * operated) and the permission granted to the supplier. No status change; refused while the
   * instance is Deleting (INSTANCE_STATUS_INVALID).
   */
  async updateAttributes(caller: Principal, input: UpdateAttributesInput): Promise<ServiceInstance> {
    const instance = await this.owned(caller, input.serviceInstanceId);
    const version = input.enableOperation === true ? (await this.catalogView.versionOf(instance))?.version : undefined;
    if (input.enableOperation === true && version && !version.isSupportOperated) {
      throw new DomainError("FailedPrecondition", E.INSTANCE_OPERATION_NOT_SUPPORTED, `The service ${instance.serviceId} does not offer managed O&M.`, {
        parameter: "EnableOperation",
      });
    }
    const { instance: updated } = await this.store.mutate(instance.id, (cur): Change | undefined => {
      if (!this.isOwn(caller, cur) || cur.status === "Deleting") {
        if (cur.status === "Deleting") throw badStatus(cur, "UpdateServiceInstanceAttributes");
        throw instanceNotFound(instance.id);
      }
      const now = this.deps.clock.now();
      let next: ServiceInstance = { ...cur };
      const grant = input.grantedPermission;
      if (grant) {
        next = {
          ...next,
          grantedPermission: {
            policyNames: grant.policyNames ?? cur.grantedPermission?.policyNames ?? "",
            operationEndTime: grant.operationEndTime ?? cur.grantedPermission?.operationEndTime,
          },
        };
      }
      if (input.enableOperation === true) {
        const end = grant?.operationEndTime ?? (version?.duration ? new Date(now.getTime() + version.duration * 1000) : undefined);
        next = { ...next, enableInstanceOps: true, operationStartTime: now, operationEndTime: end };
      } else if (input.enableOperation === false) {
        next = { ...next, enableInstanceOps: false };
        if (cur.operationStartTime && (!cur.operationEndTime || cur.operationEndTime > now)) next = { ...next, operationEndTime: now };
      }
      return { next };
    });
    return updated;
  }

  // ---- reads a supplier may make under managed O&M (supplier-access.ts) ----

  override async get(caller: Principal, ref: { serviceInstanceId?: string; marketInstanceId?: string }): Promise<InstanceView> {
    // One store read serves both the supplier-access check and the view.
    const loaded = ref.serviceInstanceId ? await this.deps.instances.get(ref.serviceInstanceId) : undefined;
    const acting = await actingPrincipal(caller, ref.serviceInstanceId, "GetServiceInstance", async () => loaded, this.deps.clock.now());
    return super.get(acting, ref, loaded);
  }

  override async listResources(caller: Principal, id: string, query: ResourceListQuery): Promise<Page<InstanceResourceView>> {
    return super.listResources(await this.actingFor(caller, id, "ListServiceInstanceResources"), id, query);
  }

  override async listLogs(caller: Principal, id: string, query: LogListQuery): Promise<{ items: InstanceLogView[]; nextToken: string }> {
    return super.listLogs(await this.actingFor(caller, id, "ListServiceInstanceLogs"), id, query);
  }

  override async listUpgradeHistory(caller: Principal, id: string, page: { maxResults?: number; nextToken?: string }): Promise<Page<UpgradeHistoryEntry>> {
    return super.listUpgradeHistory(await this.actingFor(caller, id, "ListServiceInstanceUpgradeHistory"), id, page);
  }

  // ---- internals ----

  /** The caller, or the operating principal of the instance's supplier inside its granted window. */
  private actingFor(caller: Principal, id: string | undefined, action: OperatedAction): Promise<Principal> {
    return actingPrincipal(caller, id, action, (i) => this.deps.instances.get(i), this.deps.clock.now());
  }

  private async replay(caller: Principal, clientToken: string, hash: string): Promise<CreateInstanceResult | undefined> {
    const earlier = await this.deps.instances.getByClientToken(caller.accountId, clientToken);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError("Conflict", E.IDEMPOTENT_PARAMETER_MISMATCH, "The ClientToken was used before with different parameters.", {
        parameter: "ClientToken",
      });
    }
    // The first request may have died between storing the instance and submitting its deployment.
    return { instance: await this.dispatch(earlier.instance), dryRun: false };
  }

  /** The caller's instance with no operation in progress (checked again when the operation starts). */
  private async settled(caller: Principal, id: string, operation: InstanceOperation): Promise<ServiceInstance> {
    const instance = await this.owned(caller, id);
    if (instance.currentOperation) throw badStatus(instance, operation);
    return instance;
  }

  private async statusOperation(supplierOrOwner: Principal, id: string, operation: "Start" | "Stop" | "Restart"): Promise<ServiceInstance> {
    const caller = await this.actingFor(supplierOrOwner, id, `${operation}ServiceInstance`);
    const instance = await this.settled(caller, id, operation);
    beginTransition(operation, instance.status);
    const info = await this.catalogView.versionOf(instance);
    const offered = info && statusOperationsOf(info.version, instance.templateName);
    if (offered && !offered.includes(operation)) {
      throw new DomainError(
        "FailedPrecondition",
        E.INSTANCE_OPERATION_NOT_SUPPORTED,
        `The service does not support ${operation} for template ${instance.templateName} (OperationMetadata.StatusOperationConfigs).`,
        { operation },
      );
    }
    return this.begin(caller, id, operation);
  }

}

const badStatus = (instance: ServiceInstance, operation: string) =>
  new DomainError("FailedPrecondition", E.INSTANCE_STATUS_INVALID, `The operation ${operation} is not allowed when the service instance status is ${instance.status}.`, {
    operation,
    status: instance.status,
  });
