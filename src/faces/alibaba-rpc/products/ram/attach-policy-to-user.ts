// RAM 2015-05-01 AttachPolicyToUser: fields from the SDK model AttachPolicyToUserRequest / AttachPolicyToUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "AttachPolicyToUser",
  iam: { action: "ram:AttachPolicyToUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    PolicyType: Type.String(),
    PolicyName: Type.String(),
    UserName: Type.String(),
    ResourceGroupId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.users.getUser(ctx.caller, input.UserName);
    await ctx.core.iam.policies.attach(ctx.caller, { type: "User", id: target.id }, input.PolicyType, input.PolicyName);
    return {};
  },
});
