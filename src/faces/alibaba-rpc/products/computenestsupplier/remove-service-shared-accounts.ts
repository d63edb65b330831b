// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-removeservicesharedaccounts
// fields from SDK model RemoveServiceSharedAccountsRequest / RemoveServiceSharedAccountsResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { requireSharedAccountType } from "./shared-account-type.ts";

/** UserAliUids is number[] in the SDK model; on the wire each is a decimal string (UserAliUids.N). */
export const RemoveServiceSharedAccountsParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  UserAliUids: Type.Array(Type.String({ pattern: "^[0-9]+$" }), { minItems: 1 }),
  Type: Type.Optional(Type.String()),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "RemoveServiceSharedAccounts",
  iam: { action: "computenestsupplier:RemoveServiceSharedAccounts", resource: "service/{ServiceId}" },
  params: RemoveServiceSharedAccountsParams,
  async run(ctx, input) {
    requireSharedAccountType(input.Type);
    await ctx.core.catalog.removeSharedAccounts(ctx.caller, input.ServiceId, input.UserAliUids.map(String));
    return {};
  },
});
