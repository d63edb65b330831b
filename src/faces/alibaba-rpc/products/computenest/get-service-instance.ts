// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-getserviceinstance
// (Last Updated Oct 22, 2025); fields from SDK model GetServiceInstanceRequest / GetServiceInstanceResponseBody
// and the seed example (/work spec seeds/computenest-GetServiceInstance.txt), ALIBABA.md 3.4.
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
  zonelessTime,
} from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const GetServiceInstanceParams = Type.Object({
  RegionId: Type.String(),
  ServiceInstanceId: Type.Optional(Type.String()),
  MarketInstanceId: Type.Optional(Type.String()),
});

/**
 * Every field of the seed example with the seed's JSON types. Fields nestbox has no value for
 * are present and empty ("" / [] / false): no PrivateLink connections (NetworkConfig), no
 * Marketplace purchase (MarketInstanceId, Components "{}"), no licence, no Grafana dashboard,
 * no trial-to-paid conversion.
 */
export function toGetServiceInstanceResponse(view: InstanceView, now: Date) {
  const { instance: i, service: info } = view;
  const v = info?.version;
  return {
    ...commonInstanceFields(i, now),
    Outputs: outputsText(i),
    Resources: resourcesText(i),
    Service: {
      ...serviceFields(i, info),
      UpgradeMetadata: v?.upgradeMetadata ?? "",
      OperationMetadata: v?.operationMetadata ?? "",
      ...upgradable(view),
      ServiceProductUrl: "",
      ServiceDocUrl: "",
    },
    NetworkConfig: { EndpointId: "", PrivateZoneId: "", PrivateVpcConnections: [] as never[], ReversePrivateVpcConnections: [] as never[] },
    LicenseEndTime: zonelessTime(undefined),
    UserId: userId(i),
    SupplierUid: supplierUid(i),
    EnableUserPrometheus: i.enableUserPrometheus === true,
    Components: JSON.stringify(i.components ?? {}),
    PredefinedParameterName: i.specificationName ?? "",
    MarketInstanceId: i.marketInstanceId ?? "",
    GrafanaDashBoardUrl: "",
    SupportTrialToPrivate: false,
  };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "GetServiceInstance",
  iam: { action: "computenest:GetServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: GetServiceInstanceParams,
  async run(ctx, input) {
    const view = await ctx.core.instances.get(ctx.caller, {
      serviceInstanceId: input.ServiceInstanceId || undefined,
      marketInstanceId: input.MarketInstanceId || undefined,
    });
    return toGetServiceInstanceResponse(view, ctx.clock.now());
  },
});
