// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-listserviceinstanceresources
// fields from SDK model ListServiceInstanceResourcesRequest / ListServiceInstanceResourcesResponseBody (ALIBABA.md 3.10).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import type { InstanceResourceView, ResourceListQuery } from "../../../../core/instances/instance-inputs.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import type { Page } from "../../../../core/shared/page.ts";
import { isoTime } from "../computenestsupplier/service-wire.ts";
import { fromTagFilter, TagParam, timeParam } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

/** Note the plural `Filters.N.Name` / `Filters.N.Values.M` of this operation. */
const FiltersParam = Type.Object({ Name: Type.Optional(Type.String()), Values: Type.Optional(Type.Array(Type.String())) });

export const ListServiceInstanceResourcesParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
  ServiceInstanceId: Type.String({ minLength: 1 }),
  ServiceInstanceResourceType: Type.Optional(Type.String()),
  Filters: Type.Optional(Type.Array(FiltersParam)),
  Tag: Type.Optional(Type.Array(TagParam, { maxItems: 20 })),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

const FILTERS = ["ExpireTimeStart", "ExpireTimeEnd", "PayType", "ResourceARN"];

function fromFilters(filters: readonly { Name?: string; Values?: string[] }[] | undefined): ResourceListQuery {
  const q: { -readonly [K in keyof ResourceListQuery]: ResourceListQuery[K] } = {};
  (filters ?? []).forEach((f, i) => {
    const values = f.Values ?? [];
    const where = `Filters.${i + 1}.Values`;
    switch (f.Name) {
      case "ResourceARN": q.arns = [...(q.arns ?? []), ...values]; return;
      case "PayType": q.payTypes = [...(q.payTypes ?? []), ...values]; return;
      case "ExpireTimeStart": if (values[0]) q.expireTimeStart = timeParam(values[0], where); return;
      case "ExpireTimeEnd": if (values[0]) q.expireTimeEnd = timeParam(values[0], where); return;
      default:
        throw new DomainError("InvalidArgument", "INVALID_ARGUMENT", `The specified Filters.${i + 1}.Name ${JSON.stringify(f.Name ?? "")} is not valid; use one of ${FILTERS.join(", ")}.`, {
          parameter: `Filters.${i + 1}.Name`,
        });
    }
  });
  return q;
}

/**
 * ARNs follow the resources' ROS types (core/instances/instance-resources.ts): nestbox's local
 * processes read `acs:local:<region>:<account>:process/<id>` with ProductCode "local" and
 * carry the driver's Status. They are not billed: PayType, ExpireTime and renewal fields are
 * absent.
 */
export const toResourceItem = (r: InstanceResourceView) => ({
  ResourceARN: r.arn,
  ProductCode: r.productCode,
  ProductType: r.type,
  CreateTime: isoTime(r.createdAt),
  Status: r.status,
});

export function toListServiceInstanceResourcesResponse(page: Page<InstanceResourceView>, maxResults: number) {
  return { Resources: page.items.map(toResourceItem), NextToken: page.nextToken, MaxResults: maxResults };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ListServiceInstanceResources",
  iam: { action: "computenest:ListServiceInstanceResources", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: ListServiceInstanceResourcesParams,
  async run(ctx, input) {
    const page = await ctx.core.instances.listResources(ctx.caller, input.ServiceInstanceId, {
      ...fromFilters(input.Filters),
      category: input.ServiceInstanceResourceType || undefined,
      tags: fromTagFilter(input.Tag),
      maxResults: input.MaxResults,
      nextToken: input.NextToken || undefined,
    });
    return toListServiceInstanceResourcesResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  },
});
