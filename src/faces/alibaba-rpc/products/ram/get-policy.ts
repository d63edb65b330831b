// RAM 2015-05-01 GetPolicy: fields from the SDK model GetPolicyRequest / GetPolicyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, policyFields, versionFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetPolicy",
  iam: { action: "ram:GetPolicy", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyType: Type.String(),
  }),
  async run(ctx, input) {
    const { policy, version, attachmentCount } = await ctx.core.iam.policies.getPolicy(ctx.caller, input.PolicyName, input.PolicyType);
    return {
      Policy: { ...policyFields(policy), PolicyDocument: version.document, AttachmentCount: attachmentCount },
      DefaultPolicyVersion: versionFields(version, policy.defaultVersion),
    };
  },
});
