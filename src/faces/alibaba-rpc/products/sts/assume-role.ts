// STS 2015-04-01 AssumeRole: fields from the SDK model AssumeRoleRequest / AssumeRoleResponseBody
// (Credentials{AccessKeyId,AccessKeySecret,SecurityToken,Expiration}, AssumedRoleUser{Arn,AssumedRoleId}).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { ramDate } from "../ram/ram-wire.ts";

export default defineRpcOperation({
  product: "Sts",
  version: "2015-04-01",
  action: "AssumeRole",
  // The role's ARN is inside RoleArn: the core checks sts:AssumeRole on it (PolicyAuthorizer).
  iam: { action: "sts:AssumeRole", resource: "*", global: true },
  params: Type.Object({
    RoleArn: Type.String(),
    RoleSessionName: Type.String(),
    DurationSeconds: Type.Optional(Type.Integer()),
    Policy: Type.Optional(Type.String()),
    ExternalId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const assumed = await ctx.core.iam.sts.assumeRole(ctx.caller, {
      roleArn: input.RoleArn,
      roleSessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      policy: input.Policy || undefined,
      sourceIp: ctx.sourceIp,
      secureTransport: ctx.secureTransport,
    });
    const c = assumed.credential;
    return {
      Credentials: { AccessKeyId: c.accessKeyId, AccessKeySecret: c.secret, SecurityToken: c.securityToken, Expiration: ramDate(c.expiresAt) },
      AssumedRoleUser: { Arn: assumed.arn, AssumedRoleId: assumed.assumedRoleId },
    };
  },
});
