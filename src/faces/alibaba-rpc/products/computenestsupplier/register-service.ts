// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-registerservice
// (Last Updated Oct 23, 2025); fields from SDK model RegisterServiceRequest / RegisterServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

/**
 * Submits the draft for review: it is copied into the next numbered version ("1", "2", ...),
 * Submitted, or Approved at once when the server reviews automatically (NESTBOX_REVIEW_MODE).
 * Track it with GetServiceRegistration; publish it with LaunchService.
 */
export const RegisterServiceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "RegisterService",
  iam: { action: "computenestsupplier:RegisterService", resource: "service/{ServiceId}" },
  params: RegisterServiceParams,
  async run(ctx, input) {
    const registration = await ctx.core.catalog.registerService(ctx.caller, input.ServiceId);
    return { RegistrationId: registration.id };
  },
});
