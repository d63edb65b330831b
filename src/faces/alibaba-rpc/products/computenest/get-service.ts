// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-getservice
// (Last Updated Oct 22, 2025); fields from SDK model GetServiceRequest / GetServiceResponseBody (ALIBABA.md 3.13).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { reusableAnswer } from "../../respond.ts";
import type { VisibleService } from "../../../../core/catalog/catalog-queries.ts";
import { trialTypeOf } from "../../../../core/catalog/service-version.ts";
import {
  categoriesText,
  isoTime,
  toLocaleConfigs,
  toServiceInfos,
  toTags,
  uidNumber,
} from "../computenestsupplier/service-wire.ts";

/**
 * A service the caller may see: their own (any live version), or an Online version of a Public
 * service or one shared with them. Anything else is EntityNotExist.Service, like a missing one.
 * ServiceName (exact, any locale) may stand in for ServiceId. Not declared: ServiceInstanceId
 * and ShowDetails (role information of instances), which belong to the instance slice.
 */
export const GetServiceParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
  ServiceId: Type.Optional(Type.String()),
  ServiceName: Type.Optional(Type.String()),
  ServiceVersion: Type.Optional(Type.String()),
});

type UserGetServiceResponse = Readonly<ReturnType<typeof buildResponse>>;

/**
 * Answers built per version object. The embedded store's catalog cache hands out the same
 * service and version objects until a write replaces them, so a hot service's answer and its
 * JSON text are built once per change instead of per request.
 */
const built = new WeakMap<object, { view: VisibleService; answer: UserGetServiceResponse }>();

export function toUserGetServiceResponse(view: VisibleService): UserGetServiceResponse {
  const hit = built.get(view.version);
  const v = hit?.view;
  if (v && v.service === view.service && v.supplierName === view.supplierName && v.permission === view.permission) return hit.answer;
  const answer = reusableAnswer(buildResponse(view));
  built.set(view.version, { view, answer });
  return answer;
}

function buildResponse(view: VisibleService) {
  const { service: s, version: v } = view;
  return {
    ServiceId: s.id,
    Version: v.version,
    VersionName: v.versionName,
    Status: v.status,
    DeployType: v.deployType,
    ServiceType: v.serviceType,
    ShareType: s.shareType,
    TenantType: v.tenantType,
    TrialType: trialTypeOf(v),
    TrialDuration: v.trialDuration,
    Duration: v.duration,
    IsSupportOperated: v.isSupportOperated,
    PolicyNames: v.policyNames,
    DeployMetadata: v.deployMetadata,
    OperationMetadata: v.operationMetadata,
    LicenseMetadata: v.licenseMetadata,
    AlarmMetadata: v.alarmMetadata,
    LogMetadata: v.logMetadata,
    ComplianceMetadata: v.compliancePacks ? { CompliancePacks: [...v.compliancePacks] } : undefined,
    // The user-side model's ServiceInfos have no LongDescriptionUrl.
    ServiceInfos: toServiceInfos(v.serviceInfos).map(({ LongDescriptionUrl: _url, ...info }) => info),
    ServiceLocaleConfigs: toLocaleConfigs(v.localeConfigs),
    Tags: toTags(s.tags),
    Categories: categoriesText(v),
    Permission: view.permission,
    DeployFrom: "ComputeNest",
    SupplierUid: uidNumber(s.ownerAccountId),
    SupplierName: view.supplierName,
    PublishTime: isoTime(v.publishedAt),
  };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "GetService",
  iam: { action: "computenest:GetService", resource: "service/{ServiceId}" },
  params: GetServiceParams,
  async run(ctx, input) {
    const view = await ctx.core.catalog.getVisibleService(ctx.caller, {
      serviceId: input.ServiceId || undefined,
      serviceName: input.ServiceName || undefined,
      version: input.ServiceVersion || undefined,
    });
    return toUserGetServiceResponse(view);
  },
});
