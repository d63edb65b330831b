// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-upgradeserviceinstance
// fields from SDK model UpgradeServiceInstanceRequest / UpgradeServiceInstanceResponseBody (ALIBABA.md 3.6).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { UpgradeInstanceResult } from "../../../../core/instances/instance-inputs.ts";
import { JsonParam } from "../../../shared/params.ts";
import { booleanText, InstanceRef } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const UpgradeServiceInstanceParams = Type.Object({
  ...InstanceRef,
  ServiceVersion: Type.Optional(Type.String()),
  /** `json` style: values for parameters the new version adds or changes. */
  Parameters: Type.Optional(JsonParam(Type.Record(Type.String(), Type.Unknown()))),
  /** A string in the SDK model: "true" or "false". */
  DryRun: Type.Optional(Type.String()),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

/** UpgradeRequiredParameters only on a dry run (the parameters the target needs that the instance lacks). */
export function toUpgradeServiceInstanceResponse(result: UpgradeInstanceResult) {
  return result.upgradeRequiredParameters ? { UpgradeRequiredParameters: [...result.upgradeRequiredParameters] } : {};
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "UpgradeServiceInstance",
  iam: { action: "computenest:UpgradeServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: UpgradeServiceInstanceParams,
  async run(ctx, input) {
    const result = await ctx.core.instances.upgrade(ctx.caller, {
      serviceInstanceId: input.ServiceInstanceId,
      serviceVersion: input.ServiceVersion || undefined,
      parameters: input.Parameters,
      dryRun: booleanText(input.DryRun, "DryRun") === true,
    });
    return toUpgradeServiceInstanceResponse(result);
  },
});
