import type { Principal } from "../accounts/account.ts";
import { DomainError, isDomainError } from "../shared/domain-error.ts";
import { newPrefixedId } from "../shared/ids.ts";
import { InstanceErrorCodes as E, badInstanceArgument } from "./instance-errors.ts";
import type { ContinueDeployInput, ContinueDeployResult, UpgradeInstanceInput, UpgradeInstanceResult } from "./instance-inputs.ts";
import type { BeginOptions } from "./instance-lifecycle.ts";
import type { InstanceCatalog } from "./instance-catalog.ts";
import { versionSeq } from "./instance-catalog.ts";
import type { InstanceServiceDeps } from "./instance-ports.ts";
import { beginTransition, type InstanceOperation } from "./instance-status.ts";
import type { ServiceInstance } from "./service-instance.ts";
import type { OperatedAction } from "./supplier-access.ts";
import { upgradeRulesOf } from "./version-metadata.ts";

/** What the version changes need of InstanceService: its checks and its way to begin an operation. */
export interface VersionChangeHost {
  readonly deps: InstanceServiceDeps;
  readonly catalogView: InstanceCatalog;
  /** The caller, or the supplier's operating principal inside its granted window. */
  actingFor(caller: Principal, id: string, action: OperatedAction): Promise<Principal>;
  /** The caller's instance with no operation in progress. */
  settled(caller: Principal, id: string, operation: InstanceOperation): Promise<ServiceInstance>;
  begin(caller: Principal, id: string, operation: InstanceOperation, options?: BeginOptions): Promise<ServiceInstance>;
}

/**
 * The operations that deploy another version or other parameters of an existing instance:
 * UpgradeServiceInstance, RollbackServiceInstance and ContinueDeployServiceInstance. Each checks
 * its rules here, then begins an engine operation through the host (instance-lifecycle.ts).
 */
export class InstanceVersionChanges {
  constructor(private readonly host: VersionChangeHost) {}

  /**
   * UpgradeServiceInstance to `serviceVersion` (default: the newest upgradable version), which
   * must be a newer Online version whose UpgradeMetadata.SupportUpgradeFromVersions is empty or
   * lists the current one (SERVICE_VERSION_NOT_UPGRADABLE otherwise). DryRun returns the
   * parameters the target needs that the instance lacks; otherwise the new parameters are
   * validated and an `upgrading` history entry is recorded.
   */
  async upgrade(supplierOrOwner: Principal, input: UpgradeInstanceInput): Promise<UpgradeInstanceResult> {
    const caller = await this.host.actingFor(supplierOrOwner, input.serviceInstanceId, "UpgradeServiceInstance");
    const instance = await this.host.settled(caller, input.serviceInstanceId, "Upgrade");
    beginTransition("Upgrade", instance.status);
    const target = input.serviceVersion || (await this.host.catalogView.upgradableVersions(instance))[0]?.version;
    if (!target) throw notUpgradable(instance, `The service instance ${instance.id} has no version to upgrade to.`);
    const resolved = await this.host.catalogView.resolve(caller, instance.serviceId, target, instance.templateName).catch((e: unknown) => {
      if (isDomainError(e) && e.kind === "NotFound") throw notUpgradable(instance, `The service version ${target} does not exist or is not published.`);
      throw e;
    });
    const v = resolved.version;
    if (v.status !== "Online" || versionSeq(v.version) <= versionSeq(instance.serviceVersion)) {
      throw notUpgradable(instance, `The service version ${target} is not a newer published version than ${instance.serviceVersion}.`);
    }
    const from = upgradeRulesOf(v).supportUpgradeFromVersions;
    if (from && !from.includes(instance.serviceVersion)) {
      throw notUpgradable(instance, `The service version ${target} can be upgraded to from versions ${from.join(", ")} only, not from ${instance.serviceVersion}.`);
    }
    const parameters = this.mergeKeepingRegion(instance, input.parameters);
    if (input.dryRun) return { upgradeRequiredParameters: this.host.deps.planner.upgradeRequiredParameters(resolved.templateBody, parameters) };
    const prepared = this.host.deps.planner.prepare({ templateBody: resolved.templateBody, parameters, regionId: instance.regionId, accountId: instance.accountId, instanceId: instance.id });
    const updated = await this.beginVersionChange(caller, instance, "Upgrade", target, resolved.templateBody, prepared.parameters, prepared.noEchoParameters);
    return { instance: updated };
  }

  /**
   * RollbackServiceInstance to the version the last successful upgrade came from. Throws
   * INSTANCE_ROLLBACK_UNAVAILABLE when there is none (never upgraded, or already rolled back)
   * or the running version's UpgradeMetadata says SupportRollback false.
   */
  async rollback(supplierOrOwner: Principal, serviceInstanceId: string): Promise<ServiceInstance> {
    const caller = await this.host.actingFor(supplierOrOwner, serviceInstanceId, "RollbackServiceInstance");
    const instance = await this.host.settled(caller, serviceInstanceId, "Rollback");
    beginTransition("Rollback", instance.status);
    const last = await this.host.deps.history.latestWith(instance.id, "Upgrade", "UpgradeSuccessful");
    const later = await this.host.deps.history.latestWith(instance.id, "Rollback", "UpgradeSuccessful");
    if (!last || last.toVersion !== instance.serviceVersion || (later && later.startTime > last.startTime)) {
      throw rollbackUnavailable(instance, `The service instance ${instance.id} has no successful upgrade to roll back.`);
    }
    const current = await this.host.catalogView.versionOf(instance);
    if (current && !upgradeRulesOf(current.version).supportRollback) {
      throw rollbackUnavailable(instance, `The service version ${instance.serviceVersion} does not support rollback.`);
    }
    const resolved = await this.host.catalogView.resolveOwned(instance, last.fromVersion);
    if (!resolved) throw rollbackUnavailable(instance, `The service version ${last.fromVersion} no longer exists.`);
    const prepared = this.host.deps.planner.prepare({
      templateBody: resolved.templateBody,
      parameters: { ...(last.previousParameters ?? instance.parameters) },
      regionId: instance.regionId,
      accountId: instance.accountId,
      instanceId: instance.id,
    });
    return this.beginVersionChange(caller, instance, "Rollback", last.fromVersion, resolved.templateBody, prepared.parameters, prepared.noEchoParameters);
  }

  /**
   * ContinueDeployServiceInstance (DeployedFailed only): deploys again with the changed
   * parameters. Every template parameter may change except RegionId (the deployment region);
   * the DryRun result says so, after validating the new values.
   */
  async continueDeploy(supplierOrOwner: Principal, input: ContinueDeployInput): Promise<ContinueDeployResult> {
    const caller = await this.host.actingFor(supplierOrOwner, input.serviceInstanceId, "ContinueDeployServiceInstance");
    const instance = await this.host.settled(caller, input.serviceInstanceId, "ContinueDeploy");
    beginTransition("ContinueDeploy", instance.status);
    const parameters = this.mergeKeepingRegion(instance, input.parameters);
    const resolved = await this.host.catalogView.resolveOwned(instance, instance.serviceVersion);
    if (!resolved) {
      throw new DomainError("FailedPrecondition", "SERVICE_NOT_DEPLOYABLE", `The service version ${instance.serviceVersion} no longer exists.`, {
        serviceId: instance.serviceId,
      });
    }
    const prepared = this.host.deps.planner.prepare({ templateBody: resolved.templateBody, parameters, regionId: instance.regionId, accountId: instance.accountId, instanceId: instance.id });
    const kept = { ...prepared.parameters, RegionId: instance.regionId };
    if (input.dryRun) {
      return {
        instance,
        dryRunResult: {
          parametersAllowedToBeModified: Object.keys(prepared.parameters).filter((k) => k !== "RegionId"),
          parametersConditionallyAllowedToBeModified: [],
          parametersNotAllowedToBeModified: ["RegionId"],
        },
      };
    }
    const updated = await this.host.begin(caller, instance.id, "ContinueDeploy", {
      args: { templateBody: resolved.templateBody, parameters: kept, options: [...(input.options ?? [])] },
      patch: { parameters: kept, noEchoParameters: prepared.noEchoParameters },
      statusDetail: "Continuing deployment.",
    });
    return { instance: updated };
  }

  /** Current parameters with the given ones over them; the deployment region cannot change. */
  private mergeKeepingRegion(instance: ServiceInstance, given: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
    const region = given?.["RegionId"];
    if (region !== undefined && region !== instance.regionId) {
      throw badInstanceArgument("Parameters.RegionId", `The deployment region of a service instance cannot change (it is ${instance.regionId}).`);
    }
    return { ...instance.parameters, ...(given ?? {}), RegionId: instance.regionId };
  }

  private async beginVersionChange(
    caller: Principal,
    instance: ServiceInstance,
    operation: "Upgrade" | "Rollback",
    targetVersion: string,
    templateBody: string,
    parameters: Record<string, unknown>,
    noEchoParameters: string[],
  ): Promise<ServiceInstance> {
    const historyId = newPrefixedId("sih");
    const fromVersion = instance.serviceVersion;
    return this.host.begin(caller, instance.id, operation, {
      args: {
        fromVersion,
        targetVersion,
        templateBody,
        parameters: { ...parameters, RegionId: instance.regionId },
        noEchoParameters,
        upgradeHistoryId: historyId,
      },
      statusDetail: `${operation === "Upgrade" ? "Upgrading" : "Rolling back"} from version ${fromVersion} to ${targetVersion}.`,
      afterCommit: (started) =>
        this.host.deps.history.append({
          id: historyId,
          instanceId: started.id,
          fromVersion,
          toVersion: targetVersion,
          type: operation,
          status: "upgrading",
          startTime: started.updatedAt,
          previousParameters: { ...instance.parameters },
        }),
    });
  }
}

const notUpgradable = (instance: ServiceInstance, message: string) =>
  new DomainError("FailedPrecondition", E.SERVICE_VERSION_NOT_UPGRADABLE, message, { parameter: "ServiceVersion", serviceInstanceId: instance.id });

const rollbackUnavailable = (instance: ServiceInstance, message: string) =>
  new DomainError("FailedPrecondition", E.INSTANCE_ROLLBACK_UNAVAILABLE, message, { serviceInstanceId: instance.id });
