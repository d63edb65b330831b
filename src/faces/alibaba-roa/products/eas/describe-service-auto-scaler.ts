// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeserviceautoscaler
// A.3.13: PascalCase outer keys, camelCase inside ScaleStrategies and CurrentMetrics.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeServiceAutoScaler",
  method: "GET",
  path: `${SERVICE_PATH}/autoscaler`,
  iam: { action: "eas:DescribeServiceAutoScaler", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    const { service, policy, metrics } = await ctx.core.eas.scalers.describeAutoscaler(ctx.caller, ctx.regionId, input.ServiceName);
    return {
      ServiceName: service.name,
      MinReplica: policy?.min ?? 0,
      MaxReplica: policy?.max ?? 0,
      Behavior: policy
        ? { ...policy.behavior, scaleUp: { stabilizationWindowSeconds: policy.scaleUpWindowSeconds }, scaleDown: { stabilizationWindowSeconds: policy.scaleDownWindowSeconds } }
        : {},
      ScaleStrategies: (policy?.strategies ?? []).map((s) => ({ metricName: s.metricName, threshold: s.threshold, service: s.service ?? service.name })),
      CurrentMetrics: metrics.map((m) => ({ metricName: m.name, value: m.value, service: service.name })),
    };
  },
});
