// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-listservices
// SDK: ListServicesRequest (query, A.3.2), ListServicesResponseBody {PageNumber, PageSize, TotalCount, Services[Service]}.
import { Type } from "@sinclair/typebox";
import { EAS_SERVICE_STATUSES } from "../../../../core/eas/eas-service-status.ts";
import { JsonParam } from "../../../shared/params.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, toServiceObject } from "./eas-wire.ts";

const NOTHING = "\u0000none"; // a filter value no service has: the filter matches nothing here

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "ListServices",
  method: "GET",
  path: "/api/v2/services",
  iam: { action: "eas:ListServices", resource: "*" },
  params: Type.Object({
    Filter: Type.Optional(Type.String()),
    ServiceName: Type.Optional(Type.String()),
    ServiceStatus: Type.Optional(Type.Union([Type.Literal(""), ...EAS_SERVICE_STATUSES.map((s) => Type.Literal(s))])),
    ServiceType: Type.Optional(Type.String()),
    Role: Type.Optional(Type.String()),
    GroupName: Type.Optional(Type.String()),
    ParentServiceUid: Type.Optional(Type.String()),
    ServiceUid: Type.Optional(Type.String()),
    ResourceId: Type.Optional(Type.String()),
    ResourceName: Type.Optional(Type.String()),
    ResourceAliasName: Type.Optional(Type.String()),
    ResourceType: Type.Optional(Type.String()),
    ResourceBurstable: Type.Optional(Type.Boolean()),
    QuotaId: Type.Optional(Type.String()),
    Gateway: Type.Optional(Type.String()),
    WorkspaceId: Type.Optional(Type.String()),
    IncludeNoWorkspace: Type.Optional(Type.Boolean()),
    CallerUid: Type.Optional(Type.String()),
    Accessibility: Type.Optional(Type.String()),
    AutoscalerEnabled: Type.Optional(Type.Boolean()),
    CronscalerEnabled: Type.Optional(Type.Boolean()),
    TrafficState: Type.Optional(Type.String()),
    Label: Type.Optional(JsonParam(Type.Record(Type.String(), Type.String()))),
    Sort: Type.Optional(Type.String()),
    Order: Type.Optional(Type.String()),
    PageNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  }),
  async run(ctx, q) {
    const pageNumber = q.PageNumber ?? 1;
    const pageSize = q.PageSize ?? 100;
    // Every nestbox service is public-pool, standalone, without parent, resource or gateway.
    const impossible =
      !!q.ParentServiceUid || !!q.ResourceId || !!q.ResourceName || !!q.ResourceAliasName || !!q.QuotaId || !!q.Gateway || q.ResourceBurstable === true ||
      (!!q.ResourceType && q.ResourceType !== "PublicResource") || (!!q.TrafficState && q.TrafficState !== "standalone");
    const page = await ctx.core.eas.services.list(ctx.caller, {
      regionId: ctx.regionId,
      ...(q.Filter ? { nameLike: q.Filter } : {}),
      ...(q.ServiceName ? { name: q.ServiceName } : {}),
      ...(q.ServiceUid ? { id: q.ServiceUid } : {}),
      ...(q.ServiceStatus ? { status: q.ServiceStatus } : {}),
      ...(q.ServiceType ? { serviceType: q.ServiceType } : {}),
      ...(q.Role ? { role: q.Role } : {}),
      ...(q.GroupName ? { group: q.GroupName } : {}),
      ...(q.WorkspaceId ? { workspaceId: q.WorkspaceId } : {}),
      ...(q.CallerUid ? { callerUid: q.CallerUid } : {}),
      ...(impossible ? { id: NOTHING } : {}),
      ...(q.AutoscalerEnabled !== undefined ? { autoscalerEnabled: q.AutoscalerEnabled } : {}),
      ...(q.CronscalerEnabled !== undefined ? { cronscalerEnabled: q.CronscalerEnabled } : {}),
      ...(q.Label ? { labels: q.Label } : {}),
      ...(q.Sort ? { sort: q.Sort } : {}),
      ...(q.Order ? { order: q.Order } : {}),
      pageNumber,
      pageSize,
    });
    const services = [];
    for (const s of page.items) services.push(toServiceObject(s, await ctx.core.eas.instances.views(s), ctx.host));
    return { PageNumber: pageNumber, PageSize: pageSize, TotalCount: page.totalCount, Services: services };
  },
});
