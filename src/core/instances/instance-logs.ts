import { pageRequest } from "../catalog/catalog-support.ts";
import { badInstanceArgument, unsupportedArgument } from "./instance-errors.ts";
import type { InstanceEventRepository } from "./instance-event.ts";
import type { InstanceLogView, LogListQuery } from "./instance-inputs.ts";
import type { InstanceRuntime } from "./instance-ports.ts";
import type { ServiceInstance } from "./service-instance.ts";

/** The vendor's LogSource values (ALIBABA.md 3.11); nestbox serves the first two. */
const SERVED = ["computeNest", "application"];
const VENDOR_ONLY = ["actionTrail", "ros", "compliancePack"];

/**
 * One page of ListServiceInstanceLogs.
 *
 * - computeNest (default): the instance's lifecycle events, keyset-paged in the event store.
 * - application: the replicas' output from the driver (InstanceRuntime.resourceLogs). The driver
 *   hands out the newest lines only, so this source has one page: the newest MaxResults lines in
 *   [StartTime, EndTime), in the requested order, and an empty NextToken. EventName does not
 *   apply to it and is refused.
 */
export async function listInstanceLogs(
  instance: ServiceInstance,
  query: LogListQuery,
  events: InstanceEventRepository,
  runtime: InstanceRuntime,
): Promise<{ items: InstanceLogView[]; nextToken: string }> {
  const source = query.logSource || "computeNest";
  if (VENDOR_ONLY.includes(source)) throw unsupportedArgument("LogSource", `LogSource ${source}`);
  if (!SERVED.includes(source)) {
    throw badInstanceArgument("LogSource", `The specified LogSource ${JSON.stringify(source)} is not valid; use computeNest or application.`);
  }
  const page = pageRequest(query.maxResults, query.nextToken);
  const order = query.order ?? "desc";
  if (source === "computeNest") {
    const found = await events.list(instance.id, {
      order,
      limit: page.maxResults,
      after: page.nextToken,
      from: query.from,
      to: query.to,
      statuses: query.eventNames?.length ? query.eventNames : undefined,
      resourceIds: query.resourceNames?.length ? query.resourceNames : undefined,
    });
    return {
      nextToken: found.nextToken,
      items: found.events.map((e) => ({
        timestamp: e.timestamp,
        content: e.content,
        logType: e.resourceId ? "resource" : "serviceInstance",
        source: "computeNest",
        status: e.status,
        resourceId: e.resourceId,
        resourceType: e.resourceType,
      })),
    };
  }
  if (query.eventNames?.length) throw badInstanceArgument("Filter", "The EventName filter applies to LogSource computeNest only.");
  const lines = await runtime.resourceLogs(instance, { limit: page.maxResults, since: query.from });
  const items: InstanceLogView[] = lines
    .filter((l) => (!query.from || l.timestamp >= query.from) && (!query.to || l.timestamp < query.to))
    .filter((l) => !query.resourceNames?.length || query.resourceNames.includes(l.resourceId))
    .slice(-page.maxResults)
    .map((l) => ({ timestamp: l.timestamp, content: l.content, logType: "resource", source: "application", resourceId: l.resourceId, resourceType: l.resourceType }));
  if (order === "desc") items.reverse();
  return { items, nextToken: "" };
}
