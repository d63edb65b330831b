// RAM 2015-05-01 ListRoles: fields from the SDK model ListRolesRequest / ListRolesResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, roleFields, truncation } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListRoles",
  iam: { action: "ram:ListRoles", resource: "role/*", global: true },
  params: Type.Object({
    Marker: Type.Optional(Type.String()),
    MaxItems: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const page = await ctx.core.iam.roles.listRoles(ctx.caller, { marker: input.Marker, maxItems: input.MaxItems });
    return {
      ...truncation(page.marker),
      Roles: {
        Role: page.items.map((r) => {
          const { AssumeRolePolicyDocument: _d, ...fields } = roleFields(r);
          return fields;
        }),
      },
    };
  },
});
