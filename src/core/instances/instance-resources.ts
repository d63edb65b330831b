import { pageRequest } from "../catalog/catalog-support.ts";
import { decodePageToken, encodePageToken, type Page } from "../shared/page.ts";
import type { Logger } from "../shared/logger.ts";
import { badInstanceArgument } from "./instance-errors.ts";
import type { InstanceResourceView, ResourceListQuery } from "./instance-inputs.ts";
import type { InstanceRuntime, ObservedInstanceResource } from "./instance-ports.ts";
import type { ServiceInstance } from "./service-instance.ts";

/**
 * ARNs of an instance's resources, after the vendor's `acs:{product}:{region}:{accountId}:{type}/{id}`
 * (ALIBABA.md 3.10): a ROS type `Vendor::Product::Kind` gives product = Product and type = Kind,
 * lower-cased, so ALIYUN::ECS::Instance reads `acs:ecs:...:instance/i-...` as on the cloud and
 * nestbox's Nestbox::Local::Process reads `acs:local:cn-hangzhou:<account>:process/<id>` with
 * ProductCode "local". Region and account are the instance's (deployment region, owner).
 */
export function resourceArn(instance: Pick<ServiceInstance, "regionId" | "accountId">, type: string, physicalId: string) {
  const parts = type.split("::");
  const productCode = (parts.length >= 3 ? parts[1]! : parts[0] || "unknown").toLowerCase();
  const kind = (parts.length >= 3 ? parts.slice(2).join("-") : parts[parts.length - 1] || "resource").toLowerCase();
  return { productCode, arn: `acs:${productCode}:${instance.regionId}:${instance.accountId}:${kind}/${physicalId}` };
}

/** ALIYUN:: types are cloud resources; nestbox's own types run as processes, like containers. */
export const resourceCategory = (type: string): InstanceResourceView["category"] =>
  type.startsWith("ALIYUN::") ? "AliyunResource" : "ContainerResource";

const CATEGORIES = ["AliyunResource", "ContainerResource"];

/**
 * One page of ListServiceInstanceResources. Rows are the resources the engine recorded as made
 * plus any the driver reports that the record does not have yet, ordered by ARN. If the driver
 * cannot be asked, rows are still listed, without Status. Filters (ALIBABA.md 3.10): PayType and
 * ExpireTime match nothing, since local resources are neither billed nor expire; Tag matches
 * the instance's tags, which its resources carry.
 */
export async function listInstanceResources(
  instance: ServiceInstance,
  query: ResourceListQuery,
  runtime: InstanceRuntime,
  log: Logger,
): Promise<Page<InstanceResourceView>> {
  const page = pageRequest(query.maxResults, query.nextToken);
  if (query.category && !CATEGORIES.includes(query.category)) {
    throw badInstanceArgument("ServiceInstanceResourceType", `The specified ServiceInstanceResourceType ${JSON.stringify(query.category)} is not valid; use ${CATEGORIES.join(" or ")}.`);
  }
  let observed: ObservedInstanceResource[] = [];
  try {
    observed = await runtime.observeResources(instance);
  } catch (e) {
    log.warn({ instanceId: instance.id, err: (e as Error).message }, "Failed to observe ServiceInstance resources");
  }
  const rows = new Map<string, InstanceResourceView>();
  const add = (logicalId: string, type: string, physicalId: string, createdAt?: Date) => {
    if (!physicalId) return;
    const { arn, productCode } = resourceArn(instance, type, physicalId);
    const seen = observed.find((o) => o.logicalId === logicalId && o.physicalId === physicalId);
    const category = resourceCategory(type);
    rows.set(arn, {
      logicalId,
      type,
      physicalId,
      arn,
      productCode,
      category,
      createdAt: createdAt ?? seen?.createdAt,
      status: category === "ContainerResource" ? seen?.status : undefined,
    });
  };
  for (const r of instance.resources) if (r.status === "Created") add(r.logicalId, r.type, r.physicalId, r.createdAt);
  for (const o of observed) if (!rows.has(resourceArn(instance, o.type, o.physicalId).arn)) add(o.logicalId, o.type, o.physicalId, o.createdAt);

  const tagsMatch = (query.tags ?? []).every((t) => instance.tags.some((it) => it.key === t.key && (t.value === undefined || it.value === t.value)));
  const unmatchable = (query.payTypes?.length ?? 0) > 0 || query.expireTimeStart !== undefined || query.expireTimeEnd !== undefined || !tagsMatch;
  const all = unmatchable
    ? []
    : [...rows.values()]
        .filter((r) => !query.category || r.category === query.category)
        .filter((r) => !query.arns?.length || query.arns.includes(r.arn))
        .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const after = decodePageToken(page.nextToken);
  const rest = after === undefined ? all : all.filter((r) => r.arn > after);
  const items = rest.slice(0, page.maxResults);
  const nextToken = rest.length > page.maxResults ? encodePageToken(items[items.length - 1]!.arn) : "";
  return { items, nextToken, totalCount: all.length };
}
