// RAM 2015-05-01 ListUsers: fields from the SDK model ListUsersRequest / ListUsersResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, truncation, userFields } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListUsers",
  iam: { action: "ram:ListUsers", resource: "user/*", global: true },
  params: Type.Object({
    Marker: Type.Optional(Type.String()),
    MaxItems: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const page = await ctx.core.iam.users.listUsers(ctx.caller, { marker: input.Marker, maxItems: input.MaxItems });
    return { ...truncation(page.marker), Users: { User: page.items.map(userFields) } };
  },
});
