// RAM 2015-05-01 CreateLoginProfile: fields from the SDK model CreateLoginProfileRequest / CreateLoginProfileResponseBody{LoginProfile}
// (@alicloud/ram20150501). The password is hashed by the core and never echoed or logged.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, loginProfileFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreateLoginProfile",
  iam: { action: "ram:CreateLoginProfile", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    Password: Type.String(),
    PasswordResetRequired: Type.Optional(Type.Boolean()),
    MFABindRequired: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    const profile = await ctx.core.iam.loginProfiles.create(ctx.caller, input.UserName, {
      password: input.Password,
      passwordResetRequired: input.PasswordResetRequired,
      mfaBindRequired: input.MFABindRequired,
    });
    return { LoginProfile: loginProfileFields(profile) };
  },
});
