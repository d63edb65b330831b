// RAM 2015-05-01 UpdateLoginProfile: fields from the SDK model UpdateLoginProfileRequest / UpdateLoginProfileResponseBody (RequestId only)
// (@alicloud/ram20150501). The password is hashed by the core and never echoed or logged.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "UpdateLoginProfile",
  iam: { action: "ram:UpdateLoginProfile", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.String(),
    Password: Type.Optional(Type.String()),
    PasswordResetRequired: Type.Optional(Type.Boolean()),
    MFABindRequired: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    await ctx.core.iam.loginProfiles.update(ctx.caller, input.UserName, {
      // An empty Password leaves the password as it is.
      password: input.Password || undefined,
      passwordResetRequired: input.PasswordResetRequired,
      mfaBindRequired: input.MFABindRequired,
    });
    return {};
  },
});
