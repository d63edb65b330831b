// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-listserviceinstances
// fields from SDK model ListServiceInstancesRequest / ListServiceInstancesResponseBody (ALIBABA.md 4.6).
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
  serviceFields,
  SUPPLIER_FILTERS,
  TagParam,
  userId,
} from "../computenest/instance-wire.ts";

export const SupplierListServiceInstancesParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
  Filter: Type.Optional(Type.Array(FilterParam)),
  Tag: Type.Optional(Type.Array(TagParam, { maxItems: 20 })),
  ResourceGroupId: Type.Optional(Type.String()),
  ShowDeleted: Type.Optional(Type.Boolean()),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

export function toSupplierServiceInstanceItem(view: InstanceView, now: Date) {
  const { instance: i, service: info } = view;
  return {
    ...commonInstanceFields(i, now),
    UserId: userId(i),
    Service: {
      ...serviceFields(i, info),
      EnablePrivateVpcConnection: false,
      SourceSupplierName: "",
    },
  };
}

export function toSupplierListServiceInstancesResponse(page: Page<InstanceView>, maxResults: number, now: Date) {
  return {
    ServiceInstances: page.items.map((v) => toSupplierServiceInstanceItem(v, now)),
    NextToken: page.nextToken,
    MaxResults: maxResults,
    TotalCount: page.totalCount,
  };
}

/** The instances of the caller's services, their customers' and their own, newest first; Filter UserId narrows to customers. */
export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "ListServiceInstances",
  iam: { action: "computenestsupplier:ListServiceInstances", resource: "serviceinstance/*" },
  params: SupplierListServiceInstancesParams,
  async run(ctx, input) {
    const page = await ctx.core.instances.listForSupplier(ctx.caller, {
      ...fromInstanceFilters(input.Filter, SUPPLIER_FILTERS),
      tags: fromTagFilter(input.Tag),
      resourceGroupId: input.ResourceGroupId || undefined,
      showDeleted: input.ShowDeleted === true,
      maxResults: input.MaxResults,
      nextToken: input.NextToken || undefined,
    });
    return toSupplierListServiceInstancesResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS, ctx.clock.now());
  },
});
