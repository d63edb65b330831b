// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-updateserviceinstanceattributes
// fields from SDK model UpdateServiceInstanceAttributesRequest / UpdateServiceInstanceAttributesResponseBody (ALIBABA.md 3.8).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { InstanceRef, timeParam } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const UpdateServiceInstanceAttributesParams = Type.Object({
  ...InstanceRef,
  /** Managed O&M on or off. */
  EnableOperation: Type.Optional(Type.Boolean()),
  GrantedPermission: Type.Optional(
    Type.Object({
      PolicyNames: Type.Optional(Type.String()),
      /** yyyy-MM-ddTHH:mm:ssZ or epoch milliseconds. */
      OperationEndTime: Type.Optional(Type.String()),
    }),
  ),
});

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "UpdateServiceInstanceAttributes",
  iam: { action: "computenest:UpdateServiceInstanceAttributes", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: UpdateServiceInstanceAttributesParams,
  async run(ctx, input) {
    const grant = input.GrantedPermission;
    await ctx.core.instances.updateAttributes(ctx.caller, {
      serviceInstanceId: input.ServiceInstanceId,
      enableOperation: input.EnableOperation,
      grantedPermission:
        grant && (grant.PolicyNames !== undefined || grant.OperationEndTime)
          ? {
              policyNames: grant.PolicyNames,
              operationEndTime: grant.OperationEndTime ? timeParam(grant.OperationEndTime, "GrantedPermission.OperationEndTime") : undefined,
            }
          : undefined,
    });
    return {};
  },
});
