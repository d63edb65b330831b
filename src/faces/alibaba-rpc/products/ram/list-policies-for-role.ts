// RAM 2015-05-01 ListPoliciesForRole: fields from the SDK model ListPoliciesForRoleRequest / ListPoliciesForRoleResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, policyFields, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListPoliciesForRole",
  iam: { action: "ram:ListPoliciesForRole", resource: "role/{RoleName}", global: true },
  params: Type.Object({
    RoleName: Type.String(),
  }),
  async run(ctx, input) {
    const target = await ctx.core.iam.roles.getRole(ctx.caller, input.RoleName);
    const attached = await ctx.core.iam.policies.policiesFor(ctx.caller, { type: "Role", id: target.id });
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
