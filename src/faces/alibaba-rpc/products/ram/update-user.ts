// RAM 2015-05-01 UpdateUser: fields from the SDK model UpdateUserRequest / UpdateUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, userFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "UpdateUser",
  iam: { action: "ram:UpdateUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    NewUserName: Type.Optional(Type.String()),
    NewDisplayName: Type.Optional(Type.String()),
    NewMobilePhone: Type.Optional(Type.String()),
    NewEmail: Type.Optional(Type.String()),
    NewComments: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const user = await ctx.core.iam.users.updateUser(ctx.caller, input.UserName, {
      newUserName: input.NewUserName,
      newDisplayName: input.NewDisplayName,
      newMobilePhone: input.NewMobilePhone,
      newEmail: input.NewEmail,
      newComments: input.NewComments,
    });
    return { User: userFields(user) };
  },
});
