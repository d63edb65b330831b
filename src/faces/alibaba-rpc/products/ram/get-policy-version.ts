// RAM 2015-05-01 GetPolicyVersion: fields from the SDK model GetPolicyVersionRequest / GetPolicyVersionResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, versionFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetPolicyVersion",
  iam: { action: "ram:GetPolicyVersion", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyType: Type.String(),
    VersionId: Type.String(),
  }),
  async run(ctx, input) {
    const version = await ctx.core.iam.policies.getPolicyVersion(ctx.caller, input.PolicyName, input.PolicyType, input.VersionId);
    const { defaultVersion } = await ctx.core.iam.policies.listPolicyVersions(ctx.caller, input.PolicyName, input.PolicyType);
    return { PolicyVersion: versionFields(version, defaultVersion) };
  },
});
