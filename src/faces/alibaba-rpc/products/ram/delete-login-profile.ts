// RAM 2015-05-01 DeleteLoginProfile: fields from the SDK model DeleteLoginProfileRequest / DeleteLoginProfileResponseBody (RequestId only)
// (@alicloud/ram20150501). The password is hashed by the core and never echoed or logged.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "DeleteLoginProfile",
  iam: { action: "ram:DeleteLoginProfile", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    await ctx.core.iam.loginProfiles.delete(ctx.caller, input.UserName);
    return {};
  },
});
