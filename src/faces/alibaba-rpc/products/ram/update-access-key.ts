// RAM 2015-05-01 UpdateAccessKey: fields from the SDK model UpdateAccessKeyRequest / UpdateAccessKeyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "UpdateAccessKey",
  iam: { action: "ram:UpdateAccessKey", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserAccessKeyId: Type.String(),
    Status: Type.String(),
    UserName: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.updateAccessKey(ctx.caller, input.UserAccessKeyId, input.Status, input.UserName || undefined);
    return {};
  },
});
