// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-stopserviceinstance
// fields from SDK model StopServiceInstanceRequest / StopServiceInstanceResponseBody (ALIBABA.md 3.7).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { InstanceRef } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const StopServiceInstanceParams = Type.Object({
  ...InstanceRef,
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Asynchronous; allowed statuses and the service's StatusOperationConfigs are checked by the core. */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "StopServiceInstance",
  iam: { action: "computenest:StopServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: StopServiceInstanceParams,
  async run(ctx, input) {
    await ctx.core.instances.stop(ctx.caller, input.ServiceInstanceId);
    return {};
  },
});
