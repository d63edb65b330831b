// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-startserviceinstance
// fields from SDK model StartServiceInstanceRequest / StartServiceInstanceResponseBody (ALIBABA.md 3.7).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { InstanceRef } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const StartServiceInstanceParams = Type.Object({
  ...InstanceRef,
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Asynchronous; allowed statuses and the service's StatusOperationConfigs are checked by the core. */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "StartServiceInstance",
  iam: { action: "computenest:StartServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: StartServiceInstanceParams,
  async run(ctx, input) {
    await ctx.core.instances.start(ctx.caller, input.ServiceInstanceId);
    return {};
  },
});
