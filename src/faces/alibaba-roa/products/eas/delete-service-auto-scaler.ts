// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-deleteserviceautoscaler
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DeleteServiceAutoScaler",
  method: "DELETE",
  path: `${SERVICE_PATH}/autoscaler`,
  iam: { action: "eas:DeleteServiceAutoScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    await ctx.core.eas.scalers.deleteAutoscaler(ctx.caller, ctx.regionId, input.ServiceName);
    return message(`Succeed to delete autoscaler of service [${input.ServiceName}]`);
  },
});
