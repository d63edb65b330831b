// RAM 2015-05-01 RemoveUserFromGroup: fields from the SDK model RemoveUserFromGroupRequest / RemoveUserFromGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "RemoveUserFromGroup",
  iam: { action: "ram:RemoveUserFromGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    GroupName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.removeUserFromGroup(ctx.caller, input.UserName, input.GroupName);
    return {};
  },
});
