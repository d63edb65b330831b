// RAM 2015-05-01 CreatePolicy: fields from the SDK model CreatePolicyRequest / CreatePolicyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, policyFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreatePolicy",
  iam: { action: "ram:CreatePolicy", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyDocument: Type.String(),
    Description: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const { policy } = await ctx.core.iam.policies.createPolicy(ctx.caller, input.PolicyName, input.PolicyDocument, input.Description);
    const { UpdateDate: _u, ...fields } = policyFields(policy);
    return { Policy: fields };
  },
});
