// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-listservicesharedaccounts
// fields from SDK model ListServiceSharedAccountsRequest / ListServiceSharedAccountsResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import type { SharedAccount } from "../../../../core/catalog/service.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import type { Page } from "../../../../core/shared/page.ts";
import { FilterParam, isoTime } from "./service-wire.ts";

/** Without ServiceId: the shares of all the caller's services. Filter name: UserAliUid. */
export const ListServiceSharedAccountsParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.Optional(Type.String()),
  Permission: Type.Optional(Type.String()),
  Filter: Type.Optional(Type.Array(FilterParam)),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

export function toListServiceSharedAccountsResponse(page: Page<SharedAccount>, maxResults: number) {
  return {
    ShareAccount: page.items.map((a) => ({
      ServiceId: a.serviceId,
      UserAliUid: a.accountId,
      Permission: a.permission,
      CreateTime: isoTime(a.createdAt),
      UpdateTime: isoTime(a.updatedAt),
    })),
    NextToken: page.nextToken,
    MaxResults: maxResults,
    TotalCount: page.totalCount,
  };
}

function accountIdsOf(filters: readonly { Name?: string; Value?: string[] }[] | undefined): string[] | undefined {
  let ids: string[] | undefined;
  (filters ?? []).forEach((f, i) => {
    if (f.Name !== "UserAliUid") {
      throw new DomainError("InvalidArgument", "INVALID_ARGUMENT", `The specified Filter.${i + 1}.Name is not valid; use UserAliUid.`, {
        parameter: `Filter.${i + 1}.Name`,
      });
    }
    if (f.Value?.length) ids = [...(ids ?? []), ...f.Value];
  });
  return ids;
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "ListServiceSharedAccounts",
  iam: { action: "computenestsupplier:ListServiceSharedAccounts", resource: "service/*" },
  params: ListServiceSharedAccountsParams,
  async run(ctx, input) {
    const page = await ctx.core.catalog.listSharedAccounts(
      ctx.caller,
      { serviceId: input.ServiceId || undefined, permission: input.Permission || undefined, accountIds: accountIdsOf(input.Filter) },
      { maxResults: input.MaxResults, nextToken: input.NextToken },
    );
    return toListServiceSharedAccountsResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  },
});
