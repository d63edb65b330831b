// https://www.alibabacloud.com/help/en/pai/user-guide/api-eas-2021-07-01-listserviceinstances (seed)
// SDK: ListServiceInstancesRequest (seed query + A.3.11), ListServiceInstancesResponseBody, Instance.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, SERVICE_PATH, ServicePathParams, toInstanceObject } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "ListServiceInstances",
  method: "GET",
  path: `${SERVICE_PATH}/instances`,
  iam: { action: "eas:ListServiceInstances", resource: "service/{ServiceName}" },
  params: Type.Object({
    ...ServicePathParams,
    PageNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    Filter: Type.Optional(Type.String()),
    ResourceType: Type.Optional(Type.String()),
    InstanceType: Type.Optional(Type.String()),
    InstanceStatus: Type.Optional(Type.String()),
    InstanceIP: Type.Optional(Type.String()),
    InstanceName: Type.Optional(Type.String()),
    HostIP: Type.Optional(Type.String()),
    IsSpot: Type.Optional(Type.Boolean()),
    Role: Type.Optional(Type.String()),
    Sort: Type.Optional(Type.String()),
    Order: Type.Optional(Type.String()),
    ListReplica: Type.Optional(Type.Boolean()),
    ReplicaName: Type.Optional(Type.String()),
    MemberType: Type.Optional(Type.String()),
    QuotaId: Type.Optional(Type.String()),
    Resource: Type.Optional(Type.String()),
  }),
  async run(ctx, q) {
    const pageNumber = q.PageNumber ?? 1;
    const pageSize = q.PageSize ?? 100;
    const service = await ctx.core.eas.services.get(ctx.caller, ctx.regionId, q.ServiceName);
    const page = await ctx.core.eas.instances.list(ctx.caller, ctx.regionId, q.ServiceName, {
      ...(q.Filter ? { keyword: q.Filter } : {}),
      ...(q.InstanceStatus ? { status: q.InstanceStatus } : {}),
      ...(q.InstanceIP ? { innerIp: q.InstanceIP } : {}),
      ...(q.InstanceName ? { name: q.InstanceName } : {}),
      ...(q.HostIP ? { hostIp: q.HostIP } : {}),
      ...(q.InstanceType ? { instanceType: q.InstanceType } : {}),
      ...(q.ResourceType ? { resourceType: q.ResourceType } : {}),
      ...(q.IsSpot !== undefined ? { isSpot: q.IsSpot } : {}),
      ...(q.Role ? { role: q.Role } : {}),
      ...(q.Sort ? { sort: q.Sort } : {}),
      ...(q.Order ? { order: q.Order } : {}),
      pageNumber,
      pageSize,
    });
    // Multi-machine replicas, aggregate members, quotas and dedicated resources: none here.
    const none = !!q.ReplicaName || !!q.MemberType || !!q.QuotaId || !!q.Resource;
    return {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: none ? 0 : page.totalCount,
      Instances: none ? [] : page.items.map((i) => toInstanceObject(i, service, `${service.regionId}-a`)),
    };
  },
});
