// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-describeregions
// fields from SDK model DescribeRegionsRequest / DescribeRegionsResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

export const DescribeRegionsParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
});

/**
 * The configured regions (NESTBOX_REGIONS). Every region is served by this same server, so
 * RegionEndpoint is the host the client addressed rather than computenest.{region}.aliyuncs.com.
 */
export function toDescribeRegionsResponse(regionIds: readonly string[], host: string) {
  return { Regions: regionIds.map((id) => ({ RegionId: id, RegionEndpoint: host })) };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "DescribeRegions",
  iam: { action: "computenest:DescribeRegions", resource: "*" },
  params: DescribeRegionsParams,
  async run(ctx) {
    return toDescribeRegionsResponse(ctx.core.regions.ids, ctx.host);
  },
});
