// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-addservicesharedaccounts
// fields from SDK model AddServiceSharedAccountsRequest / AddServiceSharedAccountsResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { requireSharedAccountType } from "./shared-account-type.ts";

/**
 * Lets the listed accounts see (Accessible) or also deploy (Deployable) the service's Online
 * versions when its ShareType is not Public. Adding an account again updates its permission.
 */
export const AddServiceSharedAccountsParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  SharedAccounts: Type.Array(Type.Object({ UserAliUid: Type.String(), Permission: Type.String() }), { minItems: 1 }),
  Type: Type.Optional(Type.String()),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "AddServiceSharedAccounts",
  iam: { action: "computenestsupplier:AddServiceSharedAccounts", resource: "service/{ServiceId}" },
  params: AddServiceSharedAccountsParams,
  async run(ctx, input) {
    requireSharedAccountType(input.Type);
    await ctx.core.catalog.addSharedAccounts(
      ctx.caller,
      input.ServiceId,
      input.SharedAccounts.map((a) => ({ accountId: String(a.UserAliUid), permission: a.Permission })),
    );
    return {};
  },
});
