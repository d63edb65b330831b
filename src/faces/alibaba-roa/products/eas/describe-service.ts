// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeservice
// SDK: DescribeServiceResponse body is the Service model itself (A.4.1).
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, SERVICE_PATH, ServicePathParams, toServiceObject } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeService",
  method: "GET",
  path: SERVICE_PATH,
  iam: { action: "eas:DescribeService", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    const s = await ctx.core.eas.services.get(ctx.caller, ctx.regionId, input.ServiceName);
    return toServiceObject(s, await ctx.core.eas.instances.views(s), ctx.host);
  },
});
