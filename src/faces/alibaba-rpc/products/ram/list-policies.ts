// RAM 2015-05-01 ListPolicies: fields from the SDK model ListPoliciesRequest / ListPoliciesResponseBody
// (@alicloud/ram20150501).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { RAM_PRODUCT, RAM_VERSION, pageInMemory, policyFields, truncation } from "./ram-wire.ts";

export default defineRpcOperation({
  product: RAM_PRODUCT,
  version: RAM_VERSION,
  action: "ListPolicies",
  iam: { action: "ram:ListPolicies", resource: "policy/*", global: true },
  params: Type.Object({
    PolicyType: Type.Optional(Type.String()),
    Marker: Type.Optional(Type.String()),
    MaxItems: Type.Optional(Type.Integer()),
  }),
  async run(ctx, input) {
    const all = await ctx.core.iam.policies.listPolicies(ctx.caller, input.PolicyType || undefined);
    const { items, marker } = pageInMemory(all, input.Marker, input.MaxItems);
    const policies = [];
    for (const p of items) policies.push({ ...policyFields(p), AttachmentCount: await ctx.core.iam.policies.attachmentCount(ctx.caller, p) });
    return { ...truncation(marker), Policies: { Policy: policies } };
  },
});
