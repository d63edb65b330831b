// RAM 2015-05-01 DeletePolicy: fields from the SDK model DeletePolicyRequest / DeletePolicyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeletePolicy",
  iam: { action: "ram:DeletePolicy", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    CascadingDelete: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    await ctx.core.iam.policies.deletePolicy(ctx.caller, input.PolicyName, input.CascadingDelete === true);
    return {};
  },
});
