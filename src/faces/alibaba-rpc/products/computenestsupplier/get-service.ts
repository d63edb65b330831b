// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-getservice
// (Last Updated Oct 23, 2025); fields from SDK model GetServiceRequest / GetServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { SupplierServiceView } from "../../../../core/catalog/catalog-queries.ts";
import { trialTypeOf } from "../../../../core/catalog/service-version.ts";
import {
  categoriesText,
  discoverability,
  isoTime,
  toLocaleConfigs,
  toServiceInfos,
  toTags,
} from "./service-wire.ts";

/**
 * ServiceId or ServiceName names the service (the caller's own); ServiceVersion defaults to the
 * default version. Not declared: ServiceInstanceId, FilterAliUid, SharedAccountType and
 * ShowDetail (statistics), which need the instance and resale slices.
 */
export const GetServiceParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
  ServiceId: Type.Optional(Type.String()),
  ServiceName: Type.Optional(Type.String()),
  ServiceVersion: Type.Optional(Type.String()),
});

/** Every field the catalog knows, by the GetServiceResponseBody model's names and types. */
export function toGetServiceResponse(view: SupplierServiceView) {
  const { service: s, version: v } = view;
  return {
    ServiceId: s.id,
    Version: v.version,
    VersionName: v.versionName,
    Status: v.status,
    StatusDetail: v.statusDetail,
    DeployType: v.deployType,
    ServiceType: v.serviceType,
    ShareType: s.shareType,
    ApprovalType: s.approvalType,
    TenantType: v.tenantType,
    TrialType: trialTypeOf(v),
    TrialDuration: v.trialDuration,
    Duration: v.duration,
    IsSupportOperated: v.isSupportOperated,
    PolicyNames: v.policyNames,
    DeployMetadata: v.deployMetadata,
    OperationMetadata: v.operationMetadata,
    UpgradeMetadata: v.upgradeMetadata,
    LicenseMetadata: v.licenseMetadata,
    AlarmMetadata: v.alarmMetadata,
    LogMetadata: v.logMetadata,
    BuildParameters: v.buildParameters,
    ComplianceMetadata: v.compliancePacks ? { CompliancePacks: [...v.compliancePacks] } : undefined,
    ServiceInfos: toServiceInfos(v.serviceInfos),
    ServiceLocaleConfigs: toLocaleConfigs(v.localeConfigs),
    Tags: toTags(s.tags),
    Categories: categoriesText(v),
    ResourceGroupId: s.resourceGroupId,
    RegistrationId: v.registrationId,
    PayFromType: "None",
    ServiceDiscoverable: discoverability(s),
    Resellable: v.resellable,
    SourceServiceId: v.sourceServiceId,
    SourceServiceVersion: v.sourceServiceVersion,
    SupplierName: view.supplierName,
    CreateTime: isoTime(v.createdAt),
    UpdateTime: isoTime(v.updatedAt),
    PublishTime: isoTime(v.publishedAt),
  };
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "GetService",
  iam: { action: "computenestsupplier:GetService", resource: "service/{ServiceId}" },
  params: GetServiceParams,
  async run(ctx, input) {
    const view = await ctx.core.catalog.getService(ctx.caller, {
      serviceId: input.ServiceId || undefined,
      serviceName: input.ServiceName || undefined,
      version: input.ServiceVersion || undefined,
    });
    return toGetServiceResponse(view);
  },
});
