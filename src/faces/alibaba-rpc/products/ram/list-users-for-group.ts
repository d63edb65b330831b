// RAM 2015-05-01 ListUsersForGroup: fields from the SDK model ListUsersForGroupRequest / ListUsersForGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, ramDate, truncation } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListUsersForGroup",
  iam: { action: "ram:ListUsersForGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    GroupName: Type.String(),
    Marker: Type.Optional(Type.String()),
    MaxItems: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const page = await ctx.core.iam.users.listUsersForGroup(ctx.caller, input.GroupName, { marker: input.Marker, maxItems: input.MaxItems });
    return {
      ...truncation(page.marker),
      Users: { User: page.items.map(({ user, joinedAt }) => ({ UserName: user.name, DisplayName: user.displayName, JoinDate: ramDate(joinedAt) })) },
    };
  },
});
