import type { InstanceStatus } from "../../core/instances/instance-status.ts";
import type {
  BizStatus,
  InstanceOutput,
  InstanceResource,
  InstanceSource,
  PayType,
  PendingInstanceOperation,
  ServiceInstance,
} from "../../core/instances/service-instance.ts";
import { compact, dateOrUndefined, ms, msOrNull, orUndefined } from "./instance-sql-support.ts";
import type { InstancesTable } from "./instance-tables.ts";

/** The ServiceInstance fields kept in body_json, with times as epoch milliseconds. */
interface InstanceBody {
  templateName: string;
  specificationName?: string;
  statusDetail: string;
  progress: number;
  parameters: Record<string, unknown>;
  noEchoParameters: string[];
  outputs: Record<string, InstanceOutput>;
  resources: (Omit<InstanceResource, "createdAt"> & { createdAt?: number })[];
  stackId: string;
  source: InstanceSource;
  payType: PayType;
  bizStatus: BizStatus;
  grantedPermission?: { policyNames: string; operationEndTime?: number };
  operationStartTime?: number;
  operationEndTime?: number;
  orderId?: string;
  components?: Record<string, string>;
  tags: { key: string; value: string }[];
  endTime?: number;
  activeWorkflowId?: string;
  currentOperation?: Omit<PendingInstanceOperation, "requestedAt"> & { requestedAt: number };
  enableUserPrometheus?: boolean;
  keepOnFailure: boolean;
}

const optMs = (d: Date | undefined) => (d === undefined ? undefined : d.getTime());

export function instanceRow(i: ServiceInstance, idempotency?: { clientToken: string; requestHash: string }): InstancesTable {
  const body: InstanceBody = compact({
    templateName: i.templateName,
    specificationName: i.specificationName,
    statusDetail: i.statusDetail,
    progress: i.progress,
    parameters: { ...i.parameters },
    noEchoParameters: [...i.noEchoParameters],
    outputs: { ...i.outputs },
    resources: i.resources.map((r) => compact({ ...r, createdAt: optMs(r.createdAt) })),
    stackId: i.stackId,
    source: i.source,
    payType: i.payType,
    bizStatus: i.bizStatus,
    grantedPermission: i.grantedPermission && compact({ policyNames: i.grantedPermission.policyNames, operationEndTime: optMs(i.grantedPermission.operationEndTime) }),
    operationStartTime: optMs(i.operationStartTime),
    operationEndTime: optMs(i.operationEndTime),
    orderId: i.orderId,
    components: i.components && { ...i.components },
    tags: i.tags.map((t) => ({ key: t.key, value: t.value })),
    endTime: optMs(i.endTime),
    activeWorkflowId: i.activeWorkflowId,
    currentOperation: i.currentOperation && { ...i.currentOperation, requestedAt: ms(i.currentOperation.requestedAt) },
    enableUserPrometheus: i.enableUserPrometheus,
    keepOnFailure: i.keepOnFailure,
  });
  return {
    id: i.id,
    account_id: i.accountId,
    supplier_account_id: i.supplierAccountId,
    region_id: i.regionId,
    name: i.name,
    service_id: i.serviceId,
    service_version: i.serviceVersion,
    status: i.status,
    service_type: i.serviceType,
    enable_instance_ops: i.enableInstanceOps ? 1 : 0,
    resource_group_id: i.resourceGroupId ?? null,
    market_instance_id: i.marketInstanceId ?? null,
    client_token: idempotency?.clientToken ?? null,
    request_hash: idempotency?.requestHash ?? null,
    pending_at: i.currentOperation && !i.activeWorkflowId ? ms(i.currentOperation.requestedAt) : null,
    body_json: JSON.stringify(body),
    created_at: ms(i.createdAt),
    updated_at: ms(i.updatedAt),
    deleted_at: msOrNull(i.deletedAt),
  };
}

export function instanceFromRow(r: InstancesTable): ServiceInstance {
  const b = JSON.parse(r.body_json) as InstanceBody;
  return compact({
    id: r.id,
    accountId: r.account_id,
    supplierAccountId: r.supplier_account_id,
    regionId: r.region_id,
    name: r.name,
    serviceId: r.service_id,
    serviceVersion: r.service_version,
    templateName: b.templateName,
    specificationName: b.specificationName,
    status: r.status as InstanceStatus,
    statusDetail: b.statusDetail,
    progress: b.progress,
    parameters: b.parameters,
    noEchoParameters: b.noEchoParameters,
    outputs: b.outputs,
    resources: b.resources.map((x) => compact({ ...x, createdAt: dateOrUndefined(x.createdAt) })),
    stackId: b.stackId,
    source: b.source,
    serviceType: r.service_type,
    payType: b.payType,
    bizStatus: b.bizStatus,
    enableInstanceOps: Number(r.enable_instance_ops) === 1,
    grantedPermission: b.grantedPermission && compact({ policyNames: b.grantedPermission.policyNames, operationEndTime: dateOrUndefined(b.grantedPermission.operationEndTime) }),
    operationStartTime: dateOrUndefined(b.operationStartTime),
    operationEndTime: dateOrUndefined(b.operationEndTime),
    marketInstanceId: orUndefined(r.market_instance_id),
    orderId: b.orderId,
    components: b.components,
    resourceGroupId: orUndefined(r.resource_group_id),
    tags: b.tags,
    endTime: dateOrUndefined(b.endTime),
    activeWorkflowId: b.activeWorkflowId,
    currentOperation: b.currentOperation && { ...b.currentOperation, requestedAt: new Date(b.currentOperation.requestedAt) },
    enableUserPrometheus: b.enableUserPrometheus,
    keepOnFailure: b.keepOnFailure,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    deletedAt: dateOrUndefined(r.deleted_at),
  });
}
