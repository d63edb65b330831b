// RAM 2015-05-01 DeleteRole: fields from the SDK model DeleteRoleRequest / DeleteRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeleteRole",
  iam: { action: "ram:DeleteRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    RoleName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.roles.deleteRole(ctx.caller, input.RoleName);
    return {};
  },
});
