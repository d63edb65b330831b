// RAM 2015-05-01 ListPoliciesForGroup: fields from the SDK model ListPoliciesForGroupRequest / ListPoliciesForGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, policyFields, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListPoliciesForGroup",
  iam: { action: "ram:ListPoliciesForGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    GroupName: Type.String(),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.users.getGroup(ctx.caller, input.GroupName);
    const attached = await ctx.core.iam.policies.policiesFor(ctx.caller, { type: "Group", id: target.id });
    return {
      Policies: {
        Policy: attached.map(({ policy, attachedAt }) => {
          const { CreateDate: _c, UpdateDate: _u, ...fields } = policyFields(policy);
          return { ...fields, AttachDate: ramDate(attachedAt) };
        }),
      },
    };
  },
});
