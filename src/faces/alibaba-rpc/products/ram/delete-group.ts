// RAM 2015-05-01 DeleteGroup: fields from the SDK model DeleteGroupRequest / DeleteGroupResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeleteGroup",
  iam: { action: "ram:DeleteGroup", resource: "group/{GroupName}", global: true },
  params: Type.Object({
    GroupName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.users.deleteGroup(ctx.caller, input.GroupName);
    return {};
  },
});
