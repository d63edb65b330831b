// RAM 2015-05-01 ListAccessKeys: fields from the SDK model ListAccessKeysRequest / ListAccessKeysResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, ramDate } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListAccessKeys",
  iam: { action: "ram:ListAccessKeys", resource: "user/{UserName}", global: true },
  params: Type.Object({
    UserName: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const keys = await ctx.core.iam.users.listAccessKeys(ctx.caller, input.UserName || undefined);
    return { AccessKeys: { AccessKey: keys.map((k) => ({ AccessKeyId: k.id, Status: k.status, CreateDate: ramDate(k.createdAt) })) } };
  },
});
