// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-updateserviceautoscaler
// A.3.13: camelCase body {min, max, scaleStrategies[{metricName, threshold, service}], behavior}.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "UpdateServiceAutoScaler",
  method: "PUT",
  path: `${SERVICE_PATH}/autoscaler`,
  iam: { action: "eas:UpdateServiceAutoScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ min: Type.Optional(Type.Integer()), max: Type.Optional(Type.Integer()), scaleStrategies: Type.Optional(Type.Unknown()), behavior: Type.Optional(Type.Unknown()) }),
  async run(ctx, input, body) {
    await ctx.core.eas.scalers.setAutoscaler(ctx.caller, ctx.regionId, input.ServiceName, body ?? {}, "update");
    return message(`Succeed to update autoscaler of service [${input.ServiceName}]`);
  },
});
