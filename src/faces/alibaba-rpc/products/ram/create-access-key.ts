// RAM 2015-05-01 CreateAccessKey: fields from the SDK model CreateAccessKeyRequest / CreateAccessKeyResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "CreateAccessKey",
  iam: { action: "ram:CreateAccessKey", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const key = await ctx.core.iam.users.createAccessKey(ctx.caller, input.UserName || undefined);
    return { AccessKey: { AccessKeyId: key.id, AccessKeySecret: key.secret, Status: key.status, CreateDate: ramDate(key.createdAt) } };
  },
});
