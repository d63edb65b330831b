// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeservicecronscaler
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, rfc3339, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeServiceCronScaler",
  method: "GET",
  path: `${SERVICE_PATH}/cronscaler`,
  iam: { action: "eas:DescribeServiceCronScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    const s = await ctx.core.eas.scalers.describeCronScaler(ctx.caller, ctx.regionId, input.ServiceName);
    const cron = s.cronScaler;
    return {
      ServiceName: s.name,
      ExcludeDates: [...(cron?.excludeDates ?? [])],
      ScaleJobs: (cron?.jobs ?? []).map((j) => ({
        Name: j.name,
        Schedule: j.schedule,
        TargetSize: j.targetSize,
        CreateTime: rfc3339(j.createdAt),
        LastProbeTime: rfc3339(j.lastRunAt),
        Message: j.lastMessage ?? "",
        State: j.lastRunAt ? "Succeeded" : "Pending",
      })),
    };
  },
});
