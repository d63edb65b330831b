import type { Principal } from "../accounts/account.ts";
import { evaluatePolicies } from "../iam/policy-evaluator.ts";
import { SYSTEM_POLICIES } from "../iam/system-policies.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { ServiceInstance } from "./service-instance.ts";

/**
 * Managed O&M: what a service's supplier may do to a customer's instance through the user-side
 * instance operations (ALIBABA.md 3.2 EnableInstanceOps, 3.8 GrantedPermission).
 *
 * The supplier may act only while all of these hold:
 * - the instance has managed O&M on (EnableInstanceOps, set at create or by EnableOperation);
 * - now is inside the window: from OperationStartTime (else the instance's creation) up to the
 *   earlier of OperationEndTime and GrantedPermission.OperationEndTime, when either is set;
 * - the customer's GrantedPermission.PolicyNames (comma-separated RAM system policy names)
 *   allow the action on the instance, as `computenest:<Action>` or `computenestsupplier:<Action>`
 *   (the supplier's own API): AliyunComputeNestReadOnlyAccess or ReadOnlyAccess let it read,
 *   AliyunComputeNestFullAccess or AdministratorAccess operate. Names that are not system
 *   policies grant nothing here.
 * Changing the grant itself (UpdateServiceInstanceAttributes) stays the customer's alone.
 */
export const SUPPLIER_ACCESS_DENIED = "SUPPLIER_ACCESS_DENIED";

export const READ_ACTIONS = ["GetServiceInstance", "ListServiceInstanceResources", "ListServiceInstanceLogs", "ListServiceInstanceUpgradeHistory"] as const;
export const WRITE_ACTIONS = [
  "StartServiceInstance",
  "StopServiceInstance",
  "RestartServiceInstance",
  "UpgradeServiceInstance",
  "RollbackServiceInstance",
  "ContinueDeployServiceInstance",
  "DeleteServiceInstances",
] as const;
export type OperatedAction = (typeof READ_ACTIONS)[number] | (typeof WRITE_ACTIONS)[number];

export type SupplierAccessDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const policyNamesOf = (instance: ServiceInstance): string[] =>
  (instance.grantedPermission?.policyNames ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);

/** RAM's evaluation of the granted system policies for the action on the instance's ARN. */
function policiesAllow(instance: ServiceInstance, policies: readonly string[], action: OperatedAction): boolean {
  const documents = policies.flatMap((name) => SYSTEM_POLICIES.get(name)?.parsed ?? []);
  return ["computenest", "computenestsupplier"].some(
    (service) =>
      evaluatePolicies(documents, {
        action: `${service}:${action}`,
        resource: `acs:${service}:${instance.regionId}:${instance.accountId}:serviceinstance/${instance.id}`,
        context: new Map(),
      }) === "Allow",
  );
}

/** The end of the supplier's window, or undefined when open-ended. */
export function operationWindowEnd(instance: ServiceInstance): Date | undefined {
  const ends = [instance.operationEndTime, instance.grantedPermission?.operationEndTime].filter((d): d is Date => d !== undefined);
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : undefined;
}

/** Whether the instance's supplier may perform `action` on it at `now`. Pure. */
export function supplierAccess(instance: ServiceInstance, action: OperatedAction, now: Date): SupplierAccessDecision {
  if (!instance.enableInstanceOps) return { allowed: false, reason: `managed O&M is not enabled on the service instance ${instance.id}` };
  const start = instance.operationStartTime ?? instance.createdAt;
  if (now < start) return { allowed: false, reason: `the O&M window of ${instance.id} opens at ${start.toISOString()}` };
  const end = operationWindowEnd(instance);
  if (end && now >= end) return { allowed: false, reason: `the O&M window of ${instance.id} ended at ${end.toISOString()}` };
  const policies = policyNamesOf(instance);
  if (policies.length === 0) return { allowed: false, reason: `the customer granted no policy on ${instance.id} (GrantedPermission.PolicyNames)` };
  if (!policiesAllow(instance, policies, action)) return { allowed: false, reason: `the granted policies (${policies.join(", ")}) do not cover ${action}` };
  return { allowed: true };
}

export const supplierAccessDenied = (instance: ServiceInstance, action: OperatedAction, reason: string): DomainError =>
  new DomainError("PermissionDenied", SUPPLIER_ACCESS_DENIED, `The supplier may not perform ${action} on ${instance.id}: ${reason}.`, {
    serviceInstanceId: instance.id,
    action,
  });

/**
 * The principal a supplier acts as on one granted instance: inside the customer's account, like
 * the role Compute Nest assumes for managed O&M. Never an operator; used for that instance only.
 */
export function operatingPrincipal(supplier: Principal, instance: ServiceInstance): Principal {
  return {
    accountId: instance.accountId,
    type: "AssumedRoleUser",
    principalId: `supplier:${supplier.accountId}`,
    displayName: `${supplier.displayName} (managed O&M of ${instance.id})`,
    accessKeyId: supplier.accessKeyId,
    isOperator: false,
  };
}

/**
 * Who runs `action` on the instance `id`: the caller itself, unless the caller is the supplier
 * of another account's instance; then the operating principal when the grant allows the action
 * now, SUPPLIER_ACCESS_DENIED otherwise. Anyone else keeps their own identity (and so the
 * usual SERVICE_INSTANCE_NOT_FOUND).
 */
export async function actingPrincipal(
  caller: Principal,
  id: string | undefined,
  action: OperatedAction,
  read: (id: string) => Promise<ServiceInstance | undefined>,
  now: Date,
): Promise<Principal> {
  const instance = id ? await read(id) : undefined;
  if (!instance || instance.accountId === caller.accountId || instance.supplierAccountId !== caller.accountId || instance.status === "Deleted") return caller;
  const decision = supplierAccess(instance, action, now);
  if (!decision.allowed) throw supplierAccessDenied(instance, action, decision.reason);
  return operatingPrincipal(caller, instance);
}
