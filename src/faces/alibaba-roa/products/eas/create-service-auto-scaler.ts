// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-createserviceautoscaler
// A.3.13: camelCase body {min, max, scaleStrategies[{metricName, threshold, service}], behavior}.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "CreateServiceAutoScaler",
  method: "POST",
  path: `${SERVICE_PATH}/autoscaler`,
  iam: { action: "eas:CreateServiceAutoScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ min: Type.Optional(Type.Integer()), max: Type.Optional(Type.Integer()), scaleStrategies: Type.Optional(Type.Unknown()), behavior: Type.Optional(Type.Unknown()) }),
  async run(ctx, input, body) {
    await ctx.core.eas.scalers.setAutoscaler(ctx.caller, ctx.regionId, input.ServiceName, body ?? {}, "create");
    return message(`Succeed to create autoscaler of service [${input.ServiceName}]`);
  },
});
