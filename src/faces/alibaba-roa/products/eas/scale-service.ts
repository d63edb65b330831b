// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-scaleservice
// A.3.5: Instance = target count; InstancesToDelete = preferred victims on scale-in.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "ScaleService",
  method: "PUT",
  path: `${SERVICE_PATH}/scale`,
  iam: { action: "eas:ScaleService", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  body: Type.Object({ Instance: Type.Integer({ minimum: 0, maximum: 100 }), InstancesToDelete: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])) }),
  async run(ctx, input, body) {
    await ctx.core.eas.instances.scale(ctx.caller, ctx.regionId, input.ServiceName, body!.Instance, body!.InstancesToDelete ?? []);
    return message(`Service [${input.ServiceName}] in region [${ctx.regionId}] is scaling`);
  },
});
