// RAM 2015-05-01 CreateUser: fields from the SDK model CreateUserRequest / CreateUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, userFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreateUser",
  iam: { action: "ram:CreateUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    DisplayName: Type.Optional(Type.String()),
    MobilePhone: Type.Optional(Type.String()),
    Email: Type.Optional(Type.String()),
    Comments: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const user = await ctx.core.iam.users.createUser(ctx.caller, {
      userName: input.UserName,
      displayName: input.DisplayName,
      mobilePhone: input.MobilePhone,
      email: input.Email,
      comments: input.Comments,
    });
    const { UpdateDate: _u, ...fields } = userFields(user);
    return { User: fields };
  },
});
