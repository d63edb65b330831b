// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-updateserviceversion
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "UpdateServiceVersion",
  method: "PUT",
  path: `${SERVICE_PATH}/version`,
  iam: { action: "eas:UpdateServiceVersion", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ Version: Type.Integer({ minimum: 1 }) }),
  async run(ctx, input, body) {
    await ctx.core.eas.services.switchVersion(ctx.caller, ctx.regionId, input.ServiceName, body!.Version);
    return message(`Service [${input.ServiceName}] in region [${ctx.regionId}] is starting`);
  },
});
