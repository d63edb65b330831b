import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { instanceNotFound } from "./instance-errors.ts";
import { InstanceLifecycle } from "./instance-lifecycle.ts";
import { mergeSpecification } from "./instance-rules.ts";
import { beginTransition } from "./instance-status.ts";
import type { Change } from "./instance-store.ts";
import type { BizStatus, ServiceInstance } from "./service-instance.ts";

/**
 * What the Marketplace does to the service instances its purchases created (ALIBABA.md 5.8):
 * keep their subscription term (BizStatus, EndTime) in step with the Marketplace instance, and
 * change the package when an upgrade order is paid. Only instances with Source Market qualify.
 */
export class InstanceMarketOperations extends InstanceLifecycle {
  /**
   * Sets BizStatus (Normal while the Marketplace term runs, Expired after it) and EndTime of a
   * Market-sourced instance. No status change, no caller: the Marketplace acts on its own
   * records. SERVICE_INSTANCE_NOT_FOUND for an unknown id or one not bought on the Marketplace.
   * Safe to repeat.
   */
  async setMarketTerm(serviceInstanceId: string, term: { bizStatus: BizStatus; endTime: Date }): Promise<ServiceInstance> {
    const { instance } = await this.store.mutate(serviceInstanceId, (cur): Change | undefined => {
      if (cur.source !== "Market") throw instanceNotFound(serviceInstanceId);
      if (cur.bizStatus === term.bizStatus && cur.endTime?.getTime() === term.endTime.getTime()) return undefined;
      return { next: { ...cur, bizStatus: term.bizStatus, endTime: term.endTime } };
    });
    return instance;
  }

  /**
   * Moves a Deployed instance to another package (PredefinedParameters name) of its template,
   * keeping its version: the package's values replace the old ones and the stack is applied
   * again like an upgrade to the same version (only changed resources are replaced). The
   * transition table's Upgrade rules apply (INSTANCE_STATUS_INVALID otherwise).
   */
  async changeSpecification(caller: Principal, serviceInstanceId: string, specificationName: string): Promise<ServiceInstance> {
    const instance = await this.owned(caller, serviceInstanceId);
    beginTransition("Upgrade", instance.status);
    const resolved = await this.catalogView.resolveOwned(instance, instance.serviceVersion);
    if (!resolved) {
      throw new DomainError("FailedPrecondition", "SERVICE_NOT_DEPLOYABLE", `The service version ${instance.serviceVersion} no longer exists.`, {
        serviceId: instance.serviceId,
      });
    }
    const merged = mergeSpecification(resolved.predefinedParameters, specificationName, {});
    const parameters = { ...instance.parameters, ...merged, RegionId: instance.regionId };
    const prepared = this.deps.planner.prepare({
      templateBody: resolved.templateBody,
      parameters,
      regionId: instance.regionId,
      accountId: instance.accountId,
      instanceId: instance.id,
    });
    return this.begin(caller, instance.id, "Upgrade", {
      args: {
        fromVersion: instance.serviceVersion,
        targetVersion: instance.serviceVersion,
        templateBody: resolved.templateBody,
        parameters: { ...prepared.parameters, RegionId: instance.regionId },
        noEchoParameters: prepared.noEchoParameters,
      },
      patch: { specificationName },
      statusDetail: `Changing the package to ${specificationName}.`,
    });
  }
}
