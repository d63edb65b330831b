// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-deleteservicecronscaler
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DeleteServiceCronScaler",
  method: "DELETE",
  path: `${SERVICE_PATH}/cronscaler`,
  iam: { action: "eas:DeleteServiceCronScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    await ctx.core.eas.scalers.deleteCronScaler(ctx.caller, ctx.regionId, input.ServiceName);
    return message(`Succeed to delete cron scaler of service [${input.ServiceName}]`);
  },
});
