// RAM 2015-05-01 ListPoliciesForUser: fields from the SDK model ListPoliciesForUserRequest / ListPoliciesForUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, policyFields, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListPoliciesForUser",
  iam: { action: "ram:ListPoliciesForUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.users.getUser(ctx.caller, input.UserName);
    const attached = await ctx.core.iam.policies.policiesFor(ctx.caller, { type: "User", id: target.id });
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
