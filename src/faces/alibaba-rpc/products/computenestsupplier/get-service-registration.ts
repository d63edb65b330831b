// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-getserviceregistration
// (Last Updated Oct 23, 2025); fields from SDK model GetServiceRegistrationRequest / ...ResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { ServiceRegistration } from "../../../../core/catalog/service-registration.ts";
import { trialTypeOf, type ServiceVersion } from "../../../../core/catalog/service-version.ts";
import { isoTime } from "./service-wire.ts";

/** RegistrationId is optional in the model, but a registration can only be found by it. */
export const GetServiceRegistrationParams = Type.Object({
  RegionId: Type.String(),
  RegistrationId: Type.String(),
});

/** Detail (security audit, template diff) is not returned: nestbox does not audit templates. */
export function toGetServiceRegistrationResponse(registration: ServiceRegistration, version: ServiceVersion | undefined) {
  return {
    RegistrationId: registration.id,
    ServiceId: registration.serviceId,
    ServiceVersion: registration.version,
    Status: registration.status,
    Comment: registration.comment,
    SubmitTime: isoTime(registration.submittedAt),
    FinishTime: isoTime(registration.finishedAt),
    ServiceInfo: version
      ? { ServiceType: version.serviceType, VersionName: version.versionName, TrialType: trialTypeOf(version) }
      : undefined,
  };
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "GetServiceRegistration",
  iam: { action: "computenestsupplier:GetServiceRegistration", resource: "serviceregistration/{RegistrationId}" },
  params: GetServiceRegistrationParams,
  async run(ctx, input) {
    const { registration, version } = await ctx.core.catalog.getRegistration(ctx.caller, input.RegistrationId);
    return toGetServiceRegistrationResponse(registration, version);
  },
});
