// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-listserviceinstanceupgradehistory
// fields from SDK model ListServiceInstanceUpgradeHistoryRequest / ListServiceInstanceUpgradeHistoryResponseBody (ALIBABA.md 3.6).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import type { UpgradeHistoryEntry } from "../../../../core/instances/instance-event.ts";
import type { Page } from "../../../../core/shared/page.ts";
import { isoTime } from "../computenestsupplier/service-wire.ts";
import { InstanceRef } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const ListServiceInstanceUpgradeHistoryParams = Type.Object({
  ...InstanceRef,
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

/** Newest first. Results is a JSON string ({"Succeeded": bool, "StatusDetail": "..."} once finished). */
export const toUpgradeHistoryItem = (e: UpgradeHistoryEntry) => ({
  UpgradeHistoryId: e.id,
  FromVersion: e.fromVersion,
  ToVersion: e.toVersion,
  Type: e.type,
  Status: e.status,
  StartTime: isoTime(e.startTime),
  EndTime: isoTime(e.endTime) ?? "",
  Results: JSON.stringify(e.results ?? {}),
});

export function toListServiceInstanceUpgradeHistoryResponse(page: Page<UpgradeHistoryEntry>, maxResults: number) {
  return { UpgradeHistory: page.items.map(toUpgradeHistoryItem), NextToken: page.nextToken, MaxResults: maxResults, TotalCount: page.totalCount };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ListServiceInstanceUpgradeHistory",
  iam: { action: "computenest:ListServiceInstanceUpgradeHistory", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: ListServiceInstanceUpgradeHistoryParams,
  async run(ctx, input) {
    const page = await ctx.core.instances.listUpgradeHistory(ctx.caller, input.ServiceInstanceId, {
      maxResults: input.MaxResults,
      nextToken: input.NextToken || undefined,
    });
    return toListServiceInstanceUpgradeHistoryResponse(page, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  },
});
