import type { Principal } from "../accounts/account.ts";
import type { ResolvedDeployment } from "../catalog/catalog-inputs.ts";
import type { MarketPurchase } from "./instance-inputs.ts";
import type { PreparedDeployment } from "./instance-ports.ts";
import type { ServiceInstance } from "./service-instance.ts";

export interface NewInstanceInput {
  readonly id: string;
  readonly caller: Principal;
  readonly resolved: ResolvedDeployment;
  readonly prepared: PreparedDeployment;
  /** Deployment region. */
  readonly regionId: string;
  readonly name?: string;
  readonly specificationName?: string;
  readonly tags: readonly { key: string; value: string }[];
  readonly resourceGroupId?: string;
  readonly enableInstanceOps: boolean;
  readonly enableUserPrometheus: boolean;
  /** Set for trials: when the trial ends. */
  readonly endTime?: Date;
  /** A Marketplace purchase: Source Market, Subscription, with its ids and components. */
  readonly market?: MarketPurchase;
  readonly now: Date;
}

/**
 * A new instance in status Created whose Deploy is pending (`currentOperation`, idempotency key
 * `<id>:deploy`). Its parameters are the planner's (declared ones, defaults applied) plus
 * RegionId, the deployment region, which GetServiceInstance echoes like the vendor. The engine
 * gets the captured template in the Deploy args, so the deployment does not depend on the
 * catalog after this point. Pure.
 */
export function newInstance(input: NewInstanceInput): ServiceInstance {
  const { resolved, prepared, now } = input;
  const trial = input.endTime !== undefined;
  const parameters = { ...prepared.parameters, RegionId: input.regionId };
  return {
    id: input.id,
    accountId: input.caller.accountId,
    supplierAccountId: resolved.service.ownerAccountId,
    regionId: input.regionId,
    name: input.name ?? input.id,
    serviceId: resolved.service.id,
    serviceVersion: resolved.version.version,
    templateName: resolved.templateName,
    specificationName: input.specificationName,
    status: "Created",
    statusDetail: "Waiting for deployment.",
    progress: 0,
    parameters,
    noEchoParameters: [...prepared.noEchoParameters],
    outputs: {},
    resources: prepared.resources.map((r) => ({ logicalId: r.logicalId, type: r.type, physicalId: "", status: "Pending" as const })),
    stackId: crypto.randomUUID(),
    source: input.market ? "Market" : "User",
    serviceType: trial ? "poc" : resolved.version.serviceType,
    payType: input.market ? "Subscription" : "Permanent",
    ...(input.market
      ? { marketInstanceId: input.market.marketInstanceId, orderId: input.market.orderId, components: { ...input.market.components } }
      : {}),
    bizStatus: "Normal",
    enableInstanceOps: input.enableInstanceOps,
    enableUserPrometheus: input.enableUserPrometheus,
    resourceGroupId: input.resourceGroupId,
    tags: input.tags.map((t) => ({ key: t.key, value: t.value })),
    endTime: input.endTime,
    // A failed deploy removes what it made unless the template config says DisableRollback;
    // ContinueDeploy then re-applies the whole stack, which is idempotent toward the drivers.
    keepOnFailure: resolved.disableRollback,
    currentOperation: {
      operation: "Deploy",
      idempotencyKey: `${input.id}:deploy`,
      args: { templateBody: resolved.templateBody, parameters },
      requestedAt: now,
    },
    createdAt: now,
    updatedAt: now,
  };
}
