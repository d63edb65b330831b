// RAM 2015-05-01 GetRole: fields from the SDK model GetRoleRequest / GetRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, roleFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetRole",
  iam: { action: "ram:GetRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    RoleName: Type.String(),
  }),
  async run(ctx, input) {
    return { Role: roleFields(await ctx.core.iam.roles.getRole(ctx.caller, input.RoleName)) };
  },
});
