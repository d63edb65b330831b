// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-updateservice
// A.3.3: body is a (partial) spec; UpdateType merge (default) or replace.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "UpdateService",
  method: "PUT",
  path: SERVICE_PATH,
  iam: { action: "eas:UpdateService", resource: "service/{ServiceName}" },
  params: Type.Object({
    ...ServicePathParams,
    UpdateType: Type.Optional(Type.Union([Type.Literal("merge"), Type.Literal("replace")])),
    MemberToUpdate: Type.Optional(Type.String()),
  }),
  body: Type.Unknown(),
  async run(ctx, input, body) {
    await ctx.core.eas.services.update(ctx.caller, ctx.regionId, input.ServiceName, body, input.UpdateType ?? "merge");
    return message(`Succeed to update service [${input.ServiceName}] in region [${ctx.regionId}]`);
  },
});
