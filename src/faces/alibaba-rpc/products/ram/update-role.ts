// RAM 2015-05-01 UpdateRole: fields from the SDK model UpdateRoleRequest / UpdateRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, roleFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "UpdateRole",
  iam: { action: "ram:UpdateRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    RoleName: Type.String(),
    NewAssumeRolePolicyDocument: Type.Optional(Type.String()),
    NewDescription: Type.Optional(Type.String()),
    NewMaxSessionDuration: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const role = await ctx.core.iam.roles.updateRole(ctx.caller, input.RoleName, {
      newAssumeRolePolicyDocument: input.NewAssumeRolePolicyDocument,
      newDescription: input.NewDescription,
      newMaxSessionDuration: input.NewMaxSessionDuration,
    });
    return { Role: roleFields(role) };
  },
});
