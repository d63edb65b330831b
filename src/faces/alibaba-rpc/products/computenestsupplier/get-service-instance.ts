// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-getserviceinstance
// fields from SDK model GetServiceInstanceRequest / GetServiceInstanceResponseBody (ALIBABA.md 4.6).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { InstanceView } from "../../../../core/instances/instance-inputs.ts";
import {
  commonInstanceFields,
  outputsText,
  resourcesText,
  serviceFields,
  supplierUid,
  upgradable,
  userId,
} from "../computenest/instance-wire.ts";

export const SupplierGetServiceInstanceParams = Type.Object({
  RegionId: Type.String(),
  ServiceInstanceId: Type.String({ minLength: 1 }),
});

/**
 * A customer's instance of one of the caller's services (Deleted ones included), in the
 * supplier model's shape. NoEcho parameters and outputs stay masked: they are the customer's.
 */
export function toSupplierGetServiceInstanceResponse(view: InstanceView, now: Date) {
  const { instance: i, service: info } = view;
  return {
    ...commonInstanceFields(i, now),
    Outputs: outputsText(i),
    Resources: resourcesText(i),
    Service: { ...serviceFields(i, info), ...upgradable(view), ServiceProductUrl: "", ServiceDocUrl: "" },
    NetworkConfig: { EndpointId: "", EndpointServiceId: "", PrivateVpcConnections: [] as never[], ReversePrivateVpcConnections: [] as never[] },
    LicenseMetadata: info?.version.licenseMetadata ?? "",
    OperationExtraInfo: "",
    RdAccountLoginUrl: "",
    UserId: userId(i),
    SupplierUid: supplierUid(i),
    EnableUserPrometheus: i.enableUserPrometheus === true,
    PredefinedParameterName: i.specificationName ?? "",
    GrafanaDashBoardUrl: "",
  };
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "GetServiceInstance",
  iam: { action: "computenestsupplier:GetServiceInstance", resource: "serviceinstance/{ServiceInstanceId}" },
  params: SupplierGetServiceInstanceParams,
  async run(ctx, input) {
    return toSupplierGetServiceInstanceResponse(await ctx.core.instances.getForSupplier(ctx.caller, input.ServiceInstanceId), ctx.clock.now());
  },
});
