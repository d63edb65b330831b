// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeregions
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeRegions",
  method: "GET",
  path: "/api/v2/regions",
  iam: { action: "eas:DescribeRegions", resource: "*" },
  params: Type.Object({}),
  async run(ctx) {
    return { Regions: ctx.core.regions.ids.map((id) => ({ RegionId: id, RegionName: id })) };
  },
});
