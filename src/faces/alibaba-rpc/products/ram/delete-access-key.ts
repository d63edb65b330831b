// RAM 2015-05-01 DeleteAccessKey: fields from the SDK model DeleteAccessKeyRequest / DeleteAccessKeyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeleteAccessKey",
  iam: { action: "ram:DeleteAccessKey", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserAccessKeyId: Type.String(),
    UserName: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.deleteAccessKey(ctx.caller, input.UserAccessKeyId, input.UserName || undefined);
    return {};
  },
});
