// RAM 2015-05-01 AddUserToGroup: fields from the SDK model AddUserToGroupRequest / AddUserToGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "AddUserToGroup",
  iam: { action: "ram:AddUserToGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    GroupName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.addUserToGroup(ctx.caller, input.UserName, input.GroupName);
    return {};
  },
});
