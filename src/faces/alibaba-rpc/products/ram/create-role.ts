// RAM 2015-05-01 CreateRole: fields from the SDK model CreateRoleRequest / CreateRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, roleFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreateRole",
  iam: { action: "ram:CreateRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    RoleName: Type.String(),
    AssumeRolePolicyDocument: Type.String(),
    Description: Type.Optional(Type.String()),
    MaxSessionDuration: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const role = await ctx.core.iam.roles.createRole(ctx.caller, {
      roleName: input.RoleName,
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      description: input.Description,
      maxSessionDuration: input.MaxSessionDuration,
    });
    const { UpdateDate: _u, ...fields } = roleFields(role);
    return { Role: fields };
  },
});
