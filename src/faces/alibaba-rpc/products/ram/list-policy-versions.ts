// RAM 2015-05-01 ListPolicyVersions: fields from the SDK model ListPolicyVersionsRequest / ListPolicyVersionsResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, versionFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListPolicyVersions",
  iam: { action: "ram:ListPolicyVersions", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyType: Type.String(),
  }),
  async run(ctx, input) {
    const { versions, defaultVersion } = await ctx.core.iam.policies.listPolicyVersions(ctx.caller, input.PolicyName, input.PolicyType);
    return { PolicyVersions: { PolicyVersion: versions.map((v) => versionFields(v, defaultVersion)) } };
  },
});
