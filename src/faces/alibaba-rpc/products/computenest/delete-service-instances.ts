// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-deleteserviceinstances
// fields from SDK model DeleteServiceInstancesRequest / DeleteServiceInstancesResponseBody (ALIBABA.md 3.5).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

export const DeleteServiceInstancesParams = Type.Object({
  RegionId: Type.String(),
  ServiceInstanceId: Type.Array(Type.String(), { minItems: 1, maxItems: 100 }),
  /** Accepted; a retried delete is safe anyway: an instance already Deleting is left to that deletion. */
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

/**
 * Asynchronous: every instance goes Deleting, then disappears (Deleted) or stays DeletedFailed.
 * The RAM resource is `serviceinstance/*` because one call names up to 100 instances.
 */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "DeleteServiceInstances",
  iam: { action: "computenest:DeleteServiceInstances", resource: "serviceinstance/*" },
  params: DeleteServiceInstancesParams,
  async run(ctx, input) {
    await ctx.core.instances.delete(ctx.caller, input.ServiceInstanceId);
    return {};
  },
});
