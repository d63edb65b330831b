// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-createservicecronscaler
// Body {ScaleJobs: [{Name, Schedule, TargetSize, TimeZone}], ExcludeDates: [cron]}.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "CreateServiceCronScaler",
  method: "POST",
  path: `${SERVICE_PATH}/cronscaler`,
  iam: { action: "eas:CreateServiceCronScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ ScaleJobs: Type.Optional(Type.Unknown()), ExcludeDates: Type.Optional(Type.Unknown()) }),
  async run(ctx, input, body) {
    await ctx.core.eas.scalers.setCronScaler(ctx.caller, ctx.regionId, input.ServiceName, body ?? {}, "create");
    return message(`Succeed to create cron scaler of service [${input.ServiceName}]`);
  },
});
