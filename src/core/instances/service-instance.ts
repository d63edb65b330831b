import type { InstanceOperation, InstanceStatus } from "./instance-status.ts";

export type InstanceSource = "User" | "Market" | "Supplier";
export type BizStatus = "Normal" | "Renewing" | "RenewFoiled" | "Expired";
export type PayType = "Permanent" | "Subscription" | "PayAsYouGo" | "CustomFixTime";

/** One resource of the instance's stack as the engine made it. */
export interface InstanceResource {
  readonly logicalId: string;
  readonly type: string;
  /** Driver-assigned id; empty until created. */
  readonly physicalId: string;
  readonly status: "Pending" | "Created" | "Failed" | "Deleted";
  /** Hash of the resolved properties, so upgrades replace only what changed. */
  readonly propertiesHash?: string;
  readonly createdAt?: Date;
}

export interface InstanceOutput {
  readonly value: unknown;
  /** Masked on the wire (NoEcho output, or derived from a NoEcho parameter / secret attribute). */
  readonly noEcho: boolean;
  readonly description?: string;
}

/**
 * The operation an instance is going through, written with the status change that starts it
 * and cleared when the engine completes it. `activeWorkflowId` absent while this is set means
 * the workflow may not have been submitted yet (the process died in between): startup recovery
 * resubmits it with the same idempotency key (InstanceService.resubmitPendingOperations).
 */
export interface PendingInstanceOperation {
  readonly operation: InstanceOperation;
  readonly idempotencyKey: string;
  /** What was handed to InstanceRuntime.submit as `args`. */
  readonly args: Readonly<Record<string, unknown>>;
  readonly requestedAt: Date;
}

export interface GrantedPermission {
  readonly policyNames: string;
  readonly operationEndTime?: Date;
}

/**
 * A customer's deployment of one service version: the resolved template and its desired state.
 * Owned by `accountId` (the customer). `supplierAccountId` is the service owner's account.
 */
export interface ServiceInstance {
  readonly id: string;
  readonly accountId: string;
  readonly supplierAccountId: string;
  readonly regionId: string;
  readonly name: string;
  readonly serviceId: string;
  readonly serviceVersion: string;
  readonly templateName: string;
  /** Package (PredefinedParameters[].Name) chosen at create, if any. */
  readonly specificationName?: string;
  readonly status: InstanceStatus;
  readonly statusDetail: string;
  /** 0..100 */
  readonly progress: number;
  /** Parameter values as given (after defaults), NoEcho ones included: masked by the faces. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly noEchoParameters: readonly string[];
  readonly outputs: Readonly<Record<string, InstanceOutput>>;
  readonly resources: readonly InstanceResource[];
  /** The id of this instance's stack (the Resources field lists it). */
  readonly stackId: string;
  readonly source: InstanceSource;
  readonly serviceType: string;
  readonly payType: PayType;
  readonly bizStatus: BizStatus;
  readonly enableInstanceOps: boolean;
  readonly grantedPermission?: GrantedPermission;
  readonly operationStartTime?: Date;
  readonly operationEndTime?: Date;
  readonly marketInstanceId?: string;
  readonly orderId?: string;
  readonly components?: Readonly<Record<string, string>>;
  readonly resourceGroupId?: string;
  readonly tags: readonly { key: string; value: string }[];
  readonly endTime?: Date;
  /** The workflow currently driving the instance, if any. */
  readonly activeWorkflowId?: string;
  /** The operation in progress (see PendingInstanceOperation); undefined when settled. */
  readonly currentOperation?: PendingInstanceOperation;
  /** CreateServiceInstance EnableUserPrometheus, echoed by GetServiceInstance. */
  readonly enableUserPrometheus?: boolean;
  /** Keep what a failed deploy made, for ContinueDeploy (otherwise it is cleaned up). */
  readonly keepOnFailure: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt?: Date;
}
