// RAM 2015-05-01 DeleteUser: fields from the SDK model DeleteUserRequest / DeleteUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeleteUser",
  iam: { action: "ram:DeleteUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.deleteUser(ctx.caller, input.UserName);
    return {};
  },
});
