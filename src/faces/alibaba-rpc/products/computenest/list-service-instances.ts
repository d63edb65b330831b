// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-listserviceinstances
// fields from SDK model ListServiceInstancesRequest / ListServiceInstancesResponseBody (ALIBABA.md 3.3).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import type { InstanceView } from "../../../../core/instances/instance-inputs.ts";
import type { Page } from "../../../../core/shared/page.ts";
import {
  commonInstanceFields,
  FilterParam,
  fromInstanceFilters,
  fromTagFilter,
  outputsText,
  resourcesText,
  serviceFields,
  TagParam,
  USER_FILTERS,
} from "./instance-wire.ts";

export const ListServiceInstancesParams = Type.Object({
  RegionId: Type.String(),
  Filter: Type.Optional(Type.Array(FilterParam)),
  Tag: Type.Optional(Type.Array(TagParam, { maxItems: 20 })),
  ResourceGroupId: Type.Optional(Type.String()),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

/** One item: the instance, its service version (the list model's short Service object). */
export function toServiceInstanceListItem(view: InstanceView, now: Date) {
  const { instance: i, service: info } = view;
  const { IsOperated: _operated, ...common } = commonInstanceFields(i, now);
  const { DeployMetadata: _deployMetadata, ...service } = serviceFields(i, info);
  return {
    ...common,
    Outputs: outputsText(i),
    Resources: resourcesText(i),
    MarketInstanceId: i.marketInstanceId ?? "",
    OrderId: i.orderId ?? "",
    SupportTrialToPrivate: false,
    // Only Marketplace-sold services carry a Commodity; nestbox sells nothing.
    Service: service,
  };
}

export function toListServiceInstancesResponse(page: Page<InstanceView>, maxResults: number, now: Date) {
  return {
    ServiceInstances: page.items.map((v) => toServiceInstanceListItem(v, now)),
    NextToken: page.nextToken,
    MaxResults: maxResults,
    TotalCount: page.totalCount,
  };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ListServiceInstances",
  iam: { action: "computenest:ListServiceInstances", resource: "serviceinstance/*" },
  params: ListServiceInstancesParams,
  async run(ctx, input) {
    const page = await ctx.core.instances.list(ctx.caller, {
      ...fromInstanceFilters(input.Filter, USER_FILTERS),
      tags: fromTagFilter(input.Tag),
      resourceGroupId: input.ResourceGroupId || undefined,
      maxResults: input.MaxResults,
      nextToken: input.NextToken || undefined,
    });
    return toListServiceInstancesResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS, ctx.clock.now());
  },
});
