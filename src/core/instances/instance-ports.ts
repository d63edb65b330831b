import type { ResolvedDeployment } from "../catalog/catalog-inputs.ts";
import type { InstanceServiceDeps as QueryDeps } from "./instance-queries.ts";
import type { InstanceOperation } from "./instance-status.ts";
import type { ServiceInstance } from "./service-instance.ts";

/** What the engine makes of a template and the caller's parameter values, before anything runs. */
export interface PreparedDeployment {
  /** Declared parameters with defaults applied and wire strings coerced to their types. */
  readonly parameters: Record<string, unknown>;
  readonly noEchoParameters: string[];
  /** Logical ids and types of the resources the stack will have (conditions applied). */
  readonly resources: { logicalId: string; type: string }[];
}

/**
 * Validates templates and parameter values; implemented by the engine's template evaluator.
 * Throws DomainError(InvalidArgument) naming the parameter (details.parameter) and the rule.
 */
export interface DeploymentPlanner {
  prepare(input: {
    templateBody: string;
    /** Caller values merged over the package's (PredefinedParameters) values. */
    parameters: Record<string, unknown>;
    regionId: string;
    accountId: string;
    instanceId: string;
  }): PreparedDeployment;
  /**
   * Parameters the target template declares without a default that the instance's current
   * values do not cover (UpgradeServiceInstance DryRun: UpgradeRequiredParameters).
   */
  upgradeRequiredParameters(templateBody: string, current: Record<string, unknown>): string[];
}

export interface InstanceLogLine {
  readonly timestamp: Date;
  readonly resourceId: string;
  readonly resourceType: string;
  readonly content: string;
}

export interface ObservedInstanceResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  /** running | waiting | terminated (ListServiceInstanceResources, container-style) */
  readonly status: "running" | "waiting" | "terminated";
  readonly createdAt?: Date;
}

/**
 * Runs instance operations on the durable engine. `submit` is idempotent per idempotencyKey
 * (the same key returns the same workflow id) and returns once the workflow is durably queued;
 * the workflow moves the instance to the transition's success or failure status when it ends.
 */
export interface InstanceRuntime {
  submit(request: {
    operation: InstanceOperation;
    instanceId: string;
    idempotencyKey: string;
    /** Operation arguments, e.g. {targetVersion, parameters} for Upgrade. */
    args?: Record<string, unknown>;
  }): Promise<string>;
  /** The replicas' recent output, newest last. */
  resourceLogs(instance: ServiceInstance, options: { limit: number; since?: Date }): Promise<InstanceLogLine[]>;
  /** What the driver observes of each resource now. */
  observeResources(instance: ServiceInstance): Promise<ObservedInstanceResource[]>;
}

/**
 * Checks, before CreateServiceInstance stores anything, that the account may deploy these
 * resource types (the products they belong to are enabled, or the version enables them);
 * throws a DomainError naming what is missing. Implemented by ProvisionService.
 */
export interface ProvisionCheck {
  ensureDeployable(check: { accountId: string; resolved: ResolvedDeployment; resourceTypes: readonly string[]; dryRun: boolean }): Promise<void>;
}

/** What InstanceService needs: the query side's dependencies and the provision check. */
export interface InstanceServiceDeps extends QueryDeps {
  /** Absent: every product counts as enabled. */
  readonly provisions?: ProvisionCheck;
}
