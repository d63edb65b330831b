// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-startservice
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "StartService",
  method: "PUT",
  path: `${SERVICE_PATH}/start`,
  iam: { action: "eas:StartService", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    await ctx.core.eas.services.start(ctx.caller, ctx.regionId, input.ServiceName);
    return message(`Service [${input.ServiceName}] in region [${ctx.regionId}] is starting`);
  },
});
