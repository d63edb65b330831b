// RAM 2015-05-01 CreateGroup: fields from the SDK model CreateGroupRequest / CreateGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, groupFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreateGroup",
  iam: { action: "ram:CreateGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    GroupName: Type.String(),
    Comments: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const group = await ctx.core.iam.users.createGroup(ctx.caller, input.GroupName, input.Comments);
    const { UpdateDate: _u, ...fields } = groupFields(group);
    return { Group: fields };
  },
});
