import type { Service } from "../catalog/service.ts";
import type { ServiceVersion } from "../catalog/service-version.ts";
import type { ServiceInstance } from "./service-instance.ts";

/** Inputs and results of InstanceService (instance-service.ts), in the domain's words. */

export interface CreateInstanceInput {
  /** The region the request named (control plane); the deployment region defaults to it. */
  readonly regionId: string;
  readonly serviceId: string;
  /** Default: the service's default version. */
  readonly serviceVersion?: string;
  /** Required when the version has several TemplateConfigs. */
  readonly templateName?: string;
  /** Package (PredefinedParameters[].Name) whose values the caller's parameters override. */
  readonly specificationName?: string;
  readonly name?: string;
  /** Template parameter values; `RegionId` inside is the deployment region. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly resourceGroupId?: string;
  readonly tags?: readonly { readonly key?: string; readonly value?: string }[];
  readonly enableInstanceOps?: boolean;
  readonly enableUserPrometheus?: boolean;
  /** "Trial" deploys the service's trial (the version must offer one); "NotTrial" or absent: a formal instance. */
  readonly trialType?: string;
  readonly clientToken?: string;
  /** Validate everything (template and parameters included); store and submit nothing. */
  readonly dryRun?: boolean;
  /** Set when a Marketplace purchase deploys the instance (ALIBABA.md 5.8): Source Market. */
  readonly market?: MarketPurchase;
}

/** The Marketplace purchase behind a service instance (MarketInstanceId, OrderId, Components). */
export interface MarketPurchase {
  readonly marketInstanceId: string;
  readonly orderId: string;
  readonly components: Readonly<Record<string, string>>;
}

export interface CreateInstanceResult {
  /** On a dry run, the instance that would have been created (never stored). */
  readonly instance: ServiceInstance;
  readonly dryRun: boolean;
}

/** The catalog side of an instance: the service version it runs, as far as it still exists. */
export interface InstanceServiceInfo {
  readonly service: Service;
  readonly version: ServiceVersion;
  readonly supplierName?: string;
}

export interface InstanceView {
  readonly instance: ServiceInstance;
  /** Undefined when the version was deleted from the catalog since. */
  readonly service?: InstanceServiceInfo;
  /** GetServiceInstance only: Online versions the instance may upgrade to, newest first. */
  readonly upgradableVersions?: readonly ServiceVersion[];
}

/** ListServiceInstances filters (ALIBABA.md 3.3, 4.6): values within a filter OR, filters AND. */
export interface InstanceListQuery {
  readonly ids?: readonly string[];
  /** One value: substring; several: exact (ServiceInstanceName). */
  readonly names?: readonly string[];
  /** Service names (Filter Name): `*` marks a fuzzy match (`*web*`), otherwise exact, case-insensitive. */
  readonly serviceNames?: readonly string[];
  readonly serviceIds?: readonly string[];
  readonly versions?: readonly string[];
  /** Unknown statuses match nothing. */
  readonly statuses?: readonly string[];
  readonly serviceTypes?: readonly string[];
  /** nestbox deploys ros services only: a filter without "ros" matches nothing. */
  readonly deployTypes?: readonly string[];
  readonly enableInstanceOps?: boolean;
  readonly resourceGroupId?: string;
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
  /** Supplier side: the customers' account ids (Filter UserId). */
  readonly userIds?: readonly string[];
  /** Supplier side: include Deleted instances (ShowDeleted). */
  readonly showDeleted?: boolean;
  readonly maxResults?: number;
  readonly nextToken?: string;
}

export interface UpgradeInstanceInput {
  readonly serviceInstanceId: string;
  /** Default: the newest version the instance may upgrade to. */
  readonly serviceVersion?: string;
  /** Values for parameters the new version adds or changes; merged over the current ones. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly dryRun?: boolean;
}

export interface UpgradeInstanceResult {
  /** Dry run: parameters the target version needs that the instance does not have yet. */
  readonly upgradeRequiredParameters?: readonly string[];
  readonly instance?: ServiceInstance;
}

export interface ContinueDeployInput {
  readonly serviceInstanceId: string;
  /** Changed parameter values, merged over the current ones. RegionId cannot change. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Option.N, handed to the engine as `options`. */
  readonly options?: readonly string[];
  readonly dryRun?: boolean;
}

export interface ContinueDeployResult {
  readonly instance: ServiceInstance;
  /** Dry run only. */
  readonly dryRunResult?: {
    readonly parametersAllowedToBeModified: readonly string[];
    readonly parametersConditionallyAllowedToBeModified: readonly string[];
    readonly parametersNotAllowedToBeModified: readonly string[];
  };
}

export interface UpdateAttributesInput {
  readonly serviceInstanceId: string;
  /** Managed O&M on (true) or off (false). */
  readonly enableOperation?: boolean;
  readonly grantedPermission?: { readonly policyNames?: string; readonly operationEndTime?: Date };
}

/** One row of ListServiceInstanceResources. */
export interface InstanceResourceView {
  readonly logicalId: string;
  /** ROS resource type, e.g. Nestbox::Local::Process. */
  readonly type: string;
  readonly physicalId: string;
  /** acs:{productCode}:{region}:{account}:{resourceType}/{physicalId} (resource-arn.ts). */
  readonly arn: string;
  readonly productCode: string;
  /** AliyunResource (ALIYUN::*) or ContainerResource (nestbox's own resource types). */
  readonly category: "AliyunResource" | "ContainerResource";
  readonly createdAt?: Date;
  /** What the driver observes now; only for ContainerResource. */
  readonly status?: "running" | "waiting" | "terminated";
}

export interface ResourceListQuery {
  readonly category?: string;
  readonly arns?: readonly string[];
  readonly payTypes?: readonly string[];
  readonly expireTimeStart?: Date;
  readonly expireTimeEnd?: Date;
  readonly tags?: readonly { readonly key: string; readonly value?: string }[];
  readonly maxResults?: number;
  readonly nextToken?: string;
}

/** One line of ListServiceInstanceLogs. */
export interface InstanceLogView {
  readonly timestamp: Date;
  readonly content: string;
  /** serviceInstance (lifecycle events) or resource (application output). */
  readonly logType: "serviceInstance" | "resource";
  readonly source: "computeNest" | "application";
  readonly status?: string;
  readonly resourceId?: string;
  readonly resourceType?: string;
}

export interface LogListQuery {
  /** computeNest (default) or application; the vendor's other sources are refused. */
  readonly logSource?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly eventNames?: readonly string[];
  readonly resourceNames?: readonly string[];
  /** Default descending. */
  readonly order?: "asc" | "desc";
  readonly maxResults?: number;
  readonly nextToken?: string;
}
