// RAM 2015-05-01 CreatePolicyVersion: fields from the SDK model CreatePolicyVersionRequest / CreatePolicyVersionResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, versionFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreatePolicyVersion",
  iam: { action: "ram:CreatePolicyVersion", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyDocument: Type.String(),
    SetAsDefault: Type.Optional(Type.Boolean()),
    RotateStrategy: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const version = await ctx.core.iam.policies.createPolicyVersion(
      ctx.caller,
      input.PolicyName,
      input.PolicyDocument,
      input.SetAsDefault === true,
      input.RotateStrategy || "None",
    );
    return { PolicyVersion: versionFields(version, input.SetAsDefault === true ? version.versionId : "") };
  },
});
