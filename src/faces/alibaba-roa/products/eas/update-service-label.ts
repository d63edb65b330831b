// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-updateservicelabel
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "UpdateServiceLabel",
  method: "PUT",
  path: `${SERVICE_PATH}/label`,
  iam: { action: "eas:UpdateServiceLabel", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ Labels: Type.Record(Type.String(), Type.String()) }),
  async run(ctx, input, body) {
    await ctx.core.eas.services.updateLabels(ctx.caller, ctx.regionId, input.ServiceName, body!.Labels);
    return message(`Succeed to update labels of service [${input.ServiceName}]`);
  },
});
