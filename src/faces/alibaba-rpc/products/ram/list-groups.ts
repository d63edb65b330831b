// RAM 2015-05-01 ListGroups: fields from the SDK model ListGroupsRequest / ListGroupsResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, groupFields, truncation } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListGroups",
  iam: { action: "ram:ListGroups", resource: "group/*", global: true },
  params: Type.Object({
    Marker: Type.Optional(Type.String()),
    MaxItems: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const page = await ctx.core.iam.users.listGroups(ctx.caller, { marker: input.Marker, maxItems: input.MaxItems });
    return { ...truncation(page.marker), Groups: { Group: page.items.map(groupFields) } };
  },
});
