// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-listservices
// fields from SDK model ListServicesRequest / ListServicesResponseBody (ALIBABA.md 3.13).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { VisibleService } from "../../../../core/catalog/catalog-queries.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import { trialTypeOf } from "../../../../core/catalog/service-version.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import type { Page } from "../../../../core/shared/page.ts";
import {
  categoriesText,
  FilterParam,
  fromServiceFilters,
  isoTime,
  TagParam,
  toLocaleConfigs,
  toTags,
  uidNumber,
} from "../computenestsupplier/service-wire.ts";

export const ListServicesParams = Type.Object({
  RegionId: Type.String(),
  Filter: Type.Optional(Type.Array(FilterParam)),
  Tag: Type.Optional(Type.Array(TagParam)),
  FuzzyKeyword: Type.Optional(Type.String({ maxLength: 256 })),
  /** Only false is served: "services I have instances of" needs the instance slice. */
  InUsed: Type.Optional(Type.Boolean()),
  /** Only All (the default) is served. */
  ServiceAccessType: Type.Optional(Type.String()),
  /** CreateTime (default) or UpdateTime, newest first. */
  OrderByType: Type.Optional(Type.String()),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

const unsupported = (parameter: string, message: string) =>
  new DomainError("InvalidArgument", "INVALID_ARGUMENT", message, { parameter });

/** One item per service: its default version. TrialDuration is a string in this model. */
export const toUserServiceListItem = (view: VisibleService) => {
  const { service: s, version: v } = view;
  return {
    ServiceId: s.id,
    Version: v.version,
    VersionName: v.versionName,
    Status: v.status,
    DeployType: v.deployType,
    ServiceType: v.serviceType,
    TenantType: v.tenantType,
    TrialType: trialTypeOf(v),
    TrialDuration: v.trialDuration === undefined ? undefined : String(v.trialDuration),
    ServiceInfos: v.serviceInfos.map((i) => ({
      Locale: i.locale,
      Name: i.name,
      Image: i.image,
      ShortDescription: i.shortDescription,
      Softwares: i.softwares.map((x) => ({ Name: x.name, Version: x.version })),
    })),
    ServiceLocaleConfigs: toLocaleConfigs(v.localeConfigs),
    Tags: toTags(s.tags),
    Categories: categoriesText(v),
    DeployFrom: "ComputeNest",
    SupplierUid: uidNumber(s.ownerAccountId),
    SupplierName: view.supplierName,
    PublishTime: isoTime(v.publishedAt),
  };
};

export function toUserListServicesResponse(page: Page<VisibleService>, maxResults: number) {
  return {
    Services: page.items.map(toUserServiceListItem),
    NextToken: page.nextToken,
    MaxResults: maxResults,
    TotalCount: page.totalCount,
  };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ListServices",
  iam: { action: "computenest:ListServices", resource: "service/*" },
  params: ListServicesParams,
  async run(ctx, input) {
    if (input.InUsed === true) throw unsupported("InUsed", "InUsed=true is not supported by this server.");
    if (input.ServiceAccessType && input.ServiceAccessType !== "All") {
      throw unsupported("ServiceAccessType", `The specified ServiceAccessType ${JSON.stringify(input.ServiceAccessType)} is not valid; use All.`);
    }
    const order = input.OrderByType || "CreateTime";
    if (order !== "CreateTime" && order !== "UpdateTime") {
      throw unsupported("OrderByType", `The specified OrderByType ${JSON.stringify(order)} is not valid; use CreateTime or UpdateTime.`);
    }
    const page = await ctx.core.catalog.listVisibleServices(
      ctx.caller,
      {
        ...fromServiceFilters(input.Filter, ["ServiceId", "Name", "Status", "SupplierName"]),
        keyword: input.FuzzyKeyword || undefined,
        tags: input.Tag?.filter((t) => t.Key).map((t) => ({ key: t.Key!, value: t.Value })),
        orderBy: order === "UpdateTime" ? "updatedAt" : "createdAt",
      },
      { maxResults: input.MaxResults, nextToken: input.NextToken },
    );
    return toUserListServicesResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  },
});
