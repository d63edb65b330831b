// RAM 2015-05-01 DeletePolicyVersion: fields from the SDK model DeletePolicyVersionRequest / DeletePolicyVersionResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeletePolicyVersion",
  iam: { action: "ram:DeletePolicyVersion", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    VersionId: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.policies.deletePolicyVersion(ctx.caller, input.PolicyName, input.VersionId);
    return {};
  },
});
