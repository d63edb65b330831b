// RAM 2015-05-01 ListEntitiesForPolicy: fields from the SDK model ListEntitiesForPolicyRequest / ListEntitiesForPolicyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, roleFields, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListEntitiesForPolicy",
  iam: { action: "ram:ListEntitiesForPolicy", resource: "policy/{PolicyName}", global: true },
  params: Type.Object({
    PolicyName: Type.String(),
    PolicyType: Type.String(),
  }),
  async run(ctx, input) {
    const { users, groups, roles } = await ctx.core.iam.policies.entitiesFor(ctx.caller, input.PolicyName, input.PolicyType);
    return {
      Users: { User: users.map(({ entity: u, attachedAt }) => ({ UserId: u.id, UserName: u.name, DisplayName: u.displayName, AttachDate: ramDate(attachedAt) })) },
      Groups: { Group: groups.map(({ entity: g, attachedAt }) => ({ GroupName: g.name, Comments: g.comments ?? "", AttachDate: ramDate(attachedAt) })) },
      Roles: {
        Role: roles.map(({ entity: r, attachedAt }) => {
          const { RoleId, RoleName, Arn, Description } = roleFields(r);
          return { RoleId, RoleName, Arn, Description, AttachDate: ramDate(attachedAt) };
        }),
      },
    };
  },
});
