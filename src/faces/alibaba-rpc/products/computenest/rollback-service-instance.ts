// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-rollbackserviceinstance
// fields from SDK model RollbackServiceInstanceRequest / RollbackServiceInstanceResponseBody (ALIBABA.md 3.6).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { InstanceRef } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const RollbackServiceInstanceParams = Type.Object({
  ...InstanceRef,
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Back to the version the last successful upgrade came from; the instance goes UpgradeRollbacking. */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "RollbackServiceInstance",
  iam: { action: "computenest:RollbackServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: RollbackServiceInstanceParams,
  async run(ctx, input) {
    await ctx.core.instances.rollback(ctx.caller, input.ServiceInstanceId);
    return {};
  },
});
