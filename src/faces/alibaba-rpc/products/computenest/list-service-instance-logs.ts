// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-listserviceinstancelogs
// fields from SDK model ListServiceInstanceLogsRequest / ListServiceInstanceLogsResponseBody (ALIBABA.md 3.11).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { DEFAULT_MAX_RESULTS } from "../../../../core/catalog/catalog-support.ts";
import type { InstanceLogView, LogListQuery } from "../../../../core/instances/instance-inputs.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { isoTime } from "../computenestsupplier/service-wire.ts";
import { FilterParam, InstanceRef, timeParam } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const ListServiceInstanceLogsParams = Type.Object({
  ...InstanceRef,
  LogSource: Type.Optional(Type.String()),
  /** Accepted for application logs; a local instance has one log stream per replica. */
  Logstore: Type.Optional(Type.String()),
  Filter: Type.Optional(Type.Array(FilterParam)),
  SortOrder: Type.Optional(Type.String()),
  MaxResults: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  NextToken: Type.Optional(Type.String()),
});

const FILTERS = ["StartTime", "EndTime", "EventName", "ResourceName"];

const invalid = (parameter: string, message: string) => new DomainError("InvalidArgument", "INVALID_ARGUMENT", message, { parameter });

function fromLogFilters(filters: readonly { Name?: string; Value?: string[] }[] | undefined): LogListQuery {
  const q: { -readonly [K in keyof LogListQuery]: LogListQuery[K] } = {};
  (filters ?? []).forEach((f, i) => {
    const values = f.Value ?? [];
    const where = `Filter.${i + 1}.Value`;
    switch (f.Name) {
      case "StartTime": if (values[0]) q.from = timeParam(values[0], where); return;
      case "EndTime": if (values[0]) q.to = timeParam(values[0], where); return;
      case "EventName": q.eventNames = [...(q.eventNames ?? []), ...values]; return;
      case "ResourceName": q.resourceNames = [...(q.resourceNames ?? []), ...values]; return;
      default:
        throw invalid(`Filter.${i + 1}.Name`, `The specified Filter.${i + 1}.Name ${JSON.stringify(f.Name ?? "")} is not valid; use one of ${FILTERS.join(", ")}.`);
    }
  });
  return q;
}

export const toLogItem = (l: InstanceLogView) => ({
  Timestamp: isoTime(l.timestamp),
  Content: l.content,
  LogType: l.logType,
  Source: l.source,
  Status: l.status,
  ResourceId: l.resourceId,
  ResourceType: l.resourceType,
});

/** LogSource computeNest (default): lifecycle events; application: the replicas' output (core/instances/instance-logs.ts). */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ListServiceInstanceLogs",
  iam: { action: "computenest:ListServiceInstanceLogs", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: ListServiceInstanceLogsParams,
  async run(ctx, input) {
    const sort = input.SortOrder || "Descending";
    if (sort !== "Ascending" && sort !== "Descending") {
      throw invalid("SortOrder", `The specified SortOrder ${JSON.stringify(sort)} is not valid; use Ascending or Descending.`);
    }
    const result = await ctx.core.instances.listLogs(ctx.caller, input.ServiceInstanceId, {
      ...fromLogFilters(input.Filter),
      logSource: input.LogSource || undefined,
      order: sort === "Ascending" ? "asc" : "desc",
      maxResults: input.MaxResults,
      nextToken: input.NextToken || undefined,
    });
    return { ServiceInstancesLogs: result.items.map(toLogItem), NextToken: result.nextToken, MaxResults: input.MaxResults ?? DEFAULT_MAX_RESULTS };
  },
});
