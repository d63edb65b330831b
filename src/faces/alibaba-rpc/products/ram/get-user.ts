// RAM 2015-05-01 GetUser: fields from the SDK model GetUserRequest / GetUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, userFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetUser",
  iam: { action: "ram:GetUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    const user = await ctx.core.iam.users.getUser(ctx.caller, input.UserName);
    return { User: { ...userFields(user), LastLoginDate: "" } };
  },
});
