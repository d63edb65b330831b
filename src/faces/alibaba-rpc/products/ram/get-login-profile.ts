// RAM 2015-05-01 GetLoginProfile: fields from the SDK model GetLoginProfileRequest / GetLoginProfileResponseBody{LoginProfile}
// (@alicloud/ram20150501). The password is hashed by the core and never echoed or logged.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, loginProfileFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "GetLoginProfile",
  iam: { action: "ram:GetLoginProfile", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
  }),
  async run(ctx, input) {
    return { LoginProfile: loginProfileFields(await ctx.core.iam.loginProfiles.get(ctx.caller, input.UserName)) };
  },
});
