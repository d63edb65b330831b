// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeservicelog
// A.3.8: times are UTC "yyyy-MM-dd HH:mm:ss" (ISO-8601 is refused); PageSize 500, PageNum 1.
import { Type } from "@sinclair/typebox";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, parseUtcSeconds, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

const timeParam = (name: string, text: string | undefined): Date | undefined => {
  const d = parseUtcSeconds(text);
  if (d === "invalid") throw new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified parameter ${name} is not valid: use UTC yyyy-MM-dd HH:mm:ss.`, { parameter: name });
  return d;
};

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeServiceLog",
  method: "GET",
  path: `${SERVICE_PATH}/logs`,
  iam: { action: "eas:DescribeServiceLog", resource: "service/{ServiceName}" },
  params: Type.Object({
    ...ServicePathParams,
    StartTime: Type.Optional(Type.String()),
    EndTime: Type.Optional(Type.String()),
    InstanceName: Type.Optional(Type.String()),
    ContainerName: Type.Optional(Type.String()),
    Ip: Type.Optional(Type.String()),
    Keyword: Type.Optional(Type.String()),
    PageNum: Type.Optional(Type.Integer({ minimum: 1 })),
    PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    Previous: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    const pageNum = input.PageNum ?? 1;
    const pageSize = input.PageSize ?? 500;
    const start = timeParam("StartTime", input.StartTime);
    const end = timeParam("EndTime", input.EndTime);
    const { lines, totalCount } = await ctx.core.eas.instances.logs(ctx.caller, ctx.regionId, input.ServiceName, {
      ...(input.InstanceName ? { instanceName: input.InstanceName } : {}),
      ...(input.Keyword ? { keyword: input.Keyword } : {}),
      ...(start ? { startTime: start } : {}),
      ...(end ? { endTime: new Date(end.getTime() + 1000) } : {}),
      pageNum,
      pageSize,
    });
    return { Logs: lines, PageNum: pageNum, TotalCount: totalCount, TotalPageNum: Math.ceil(totalCount / pageSize) };
  },
});
