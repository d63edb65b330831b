// RAM 2015-05-01 GetGroup: fields from the SDK model GetGroupRequest / GetGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, groupFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetGroup",
  iam: { action: "ram:GetGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    GroupName: Type.String(),
  }),
  async run(ctx, input) {
    return { Group: groupFields(await ctx.core.iam.users.getGroup(ctx.caller, input.GroupName)) };
  },
});
