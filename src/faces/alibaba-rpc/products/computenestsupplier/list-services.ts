// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-listservices
// (Last Updated Nov 06, 2025); fields from SDK model ListServicesRequest / ListServicesResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { SupplierServiceView } from "../../../../core/catalog/catalog-queries.ts";
import { trialTypeOf } from "../../../../core/catalog/service-version.ts";
import type { Page } from "../../../../core/shared/page.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import {
  categoriesText,
  discoverability,
  FilterParam,
  fromServiceFilters,
  isoTime,
  TagParam,
  toLocaleConfigs,
  toShortServiceInfos,
  toTags,
} from "./service-wire.ts";

export const ListServicesParams = Type.Object({
  RegionId: Type.String(),
  AllVersions: Type.Optional(Type.Boolean()),
  Filter: Type.Optional(Type.Array(FilterParam)),
  ResourceGroupId: Type.Optional(Type.String()),
  Tag: Type.Optional(Type.Array(TagParam)),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

export const toServiceListItem = (view: SupplierServiceView) => {
  const { service: s, version: v } = view;
  return {
    ServiceId: s.id,
    Version: v.version,
    VersionName: v.versionName,
    DefaultVersion: view.isDefault,
    HasDraft: s.hasDraft,
    HasBeta: false,
    Status: v.status,
    DeployType: v.deployType,
    ServiceType: v.serviceType,
    ShareType: s.shareType,
    ApprovalType: s.approvalType,
    TrialType: trialTypeOf(v),
    TenantType: v.tenantType,
    ServiceInfos: toShortServiceInfos(v.serviceInfos),
    ServiceLocaleConfigs: toLocaleConfigs(v.localeConfigs),
    Tags: toTags(s.tags),
    Categories: categoriesText(v),
    SourceServiceId: v.sourceServiceId,
    SourceServiceVersion: v.sourceServiceVersion,
    SupplierName: view.supplierName,
    ResourceGroupId: s.resourceGroupId,
    ServiceDiscoverable: discoverability(s),
    CreateTime: isoTime(v.createdAt),
    UpdateTime: isoTime(v.updatedAt),
    PublishTime: isoTime(v.publishedAt),
  };
};

/** Paging per ALIBABA.md 2.4: MaxResults echoed, NextToken "" on the last page, TotalCount. */
export function toListServicesResponse(page: Page<SupplierServiceView>, maxResults: number) {
  return {
    Services: page.items.map(toServiceListItem),
    NextToken: page.nextToken,
    MaxResults: maxResults,
    TotalCount: page.totalCount,
  };
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "ListServices",
  iam: { action: "computenestsupplier:ListServices", resource: "service/*" },
  params: ListServicesParams,
  async run(ctx, input) {
    const page = await ctx.core.catalog.listServices(
      ctx.caller,
      {
        ...fromServiceFilters(input.Filter),
        allVersions: input.AllVersions,
        resourceGroupId: input.ResourceGroupId,
        tags: input.Tag?.filter((t) => t.Key).map((t) => ({ key: t.Key!, value: t.Value })),
      },
      { maxResults: input.MaxResults, nextToken: input.NextToken },
    );
    return toListServicesResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  },
});
