// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-getserviceprovisions
// fields from SDK model GetServiceProvisionsRequest / GetServiceProvisionsResponseBody (ALIBABA.md 3.13, 4.5).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { GetServiceProvisionsParams as SupplierParams, toServiceProvisions } from "../computenestsupplier/get-service-provisions.ts";

/** The supplier's parameters plus TrialType, which does not change what a deployment needs. */
export const GetServiceProvisionsParams = Type.Object({
  ...SupplierParams.properties,
  TrialType: Type.Optional(Type.String()),
});

/**
 * The products and roles a service the caller may deploy needs in the caller's account. Same
 * answer as the supplier side except the model's quirk: ApiForCreation's map is `parameters`.
 */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "GetServiceProvisions",
  iam: { action: "computenest:GetServiceProvisions", resource: "service/{ServiceId}" },
  params: GetServiceProvisionsParams,
  async run(ctx, input) {
    const views = await ctx.core.provisions.getServiceProvisions(ctx.caller, {
      side: "user",
      serviceId: input.ServiceId,
      serviceVersion: input.ServiceVersion || undefined,
      templateName: input.TemplateName || undefined,
      parameters: input.Parameters,
      regionId: ctx.regionId,
    });
    return { ServiceProvisions: toServiceProvisions(ctx, views, "parameters") };
  },
});
