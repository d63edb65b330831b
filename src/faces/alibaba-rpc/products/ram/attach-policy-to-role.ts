// RAM 2015-05-01 AttachPolicyToRole: fields from the SDK model AttachPolicyToRoleRequest / AttachPolicyToRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "AttachPolicyToRole",
  iam: { action: "ram:AttachPolicyToRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    PolicyType: Type.String(),
    PolicyName: Type.String(),
    RoleName: Type.String(),
    ResourceGroupId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.roles.getRole(ctx.caller, input.RoleName);
    await ctx.core.iam.policies.attach(ctx.caller, { type: "Role", id: target.id }, input.PolicyType, input.PolicyName);
    return {};
  },
});
