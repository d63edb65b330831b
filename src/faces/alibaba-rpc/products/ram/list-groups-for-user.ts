// RAM 2015-05-01 ListGroupsForUser: fields from the SDK model ListGroupsForUserRequest / ListGroupsForUserResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListGroupsForUser",
  iam: { action: "ram:ListGroupsForUser", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    const groups = await ctx.core.iam.users.listGroupsForUser(ctx.caller, input.UserName);
    return {
      Groups: {
        Group: groups.map(({ group, joinedAt }) => ({ GroupId: group.id, GroupName: group.name, Comments: group.comments ?? "", JoinDate: ramDate(joinedAt) })),
      },
    };
  },
});
