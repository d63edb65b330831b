// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeserviceevent
// A.3.10: defaults StartTime now-7d, EndTime now, PageNum 1, PageSize 100; Time is UTC "yyyy-MM-dd HH:mm:ss".
import { Type } from "@sinclair/typebox";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, parseUtcSeconds, SERVICE_PATH, ServicePathParams, utcSeconds } from "./eas-wire.ts";

const timeParam = (name: string, text: string | undefined, fallback: Date): Date => {
  const d = parseUtcSeconds(text);
  if (d === "invalid") throw new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified parameter ${name} is not valid: use UTC yyyy-MM-dd HH:mm:ss.`, { parameter: name });
  return d ?? fallback;
};

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeServiceEvent",
  method: "GET",
  path: `${SERVICE_PATH}/events`,
  iam: { action: "eas:DescribeServiceEvent", resource: "service/{ServiceName}" },
  params: Type.Object({
    ...ServicePathParams,
    StartTime: Type.Optional(Type.String()),
    EndTime: Type.Optional(Type.String()),
    EventType: Type.Optional(Type.String()),
    InstanceName: Type.Optional(Type.String()),
    PageNum: Type.Optional(Type.Integer({ minimum: 1 })),
    PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  }),
  async run(ctx, input) {
    const now = ctx.clock.now();
    const pageNum = input.PageNum ?? 1;
    const pageSize = input.PageSize ?? 100;
    const from = timeParam("StartTime", input.StartTime, new Date(now.getTime() - 7 * 24 * 3600_000));
    // EndTime is inclusive to the second the caller names.
    const to = new Date(timeParam("EndTime", input.EndTime, now).getTime() + 1000);
    const { items, totalCount } = await ctx.core.eas.services.events(ctx.caller, ctx.regionId, input.ServiceName, {
      from,
      to,
      ...(input.EventType ? { type: input.EventType } : {}),
      ...(input.InstanceName ? { instanceName: input.InstanceName } : {}),
      pageNum,
      pageSize,
    });
    return {
      PageNum: pageNum,
      TotalCount: totalCount,
      TotalPageNum: Math.ceil(totalCount / pageSize),
      Events: items.map((e) => ({ Type: e.type, Reason: e.reason, Resource: e.resource, Time: utcSeconds(e.at), Message: e.message })),
    };
  },
});
