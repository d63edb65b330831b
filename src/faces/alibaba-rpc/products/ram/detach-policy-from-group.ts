// RAM 2015-05-01 DetachPolicyFromGroup: fields from the SDK model DetachPolicyFromGroupRequest / DetachPolicyFromGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DetachPolicyFromGroup",
  iam: { action: "ram:DetachPolicyFromGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    PolicyType: Type.String(),
    PolicyName: Type.String(),
    GroupName: Type.String(),
    ResourceGroupId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.users.getGroup(ctx.caller, input.GroupName);
    await ctx.core.iam.policies.detach(ctx.caller, { type: "Group", id: target.id }, input.PolicyType, input.PolicyName);
    return {};
  },
});
