// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-deleteservice
// fields from SDK model DeleteServiceRequest / DeleteServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

/**
 * Deletes one version ("draft" or a number). An Online version must be withdrawn first
 * (SERVICE_STATUS_INVALID); deleting the last live version deletes the service.
 */
export const DeleteServiceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  ServiceVersion: Type.String(),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "DeleteService",
  iam: { action: "computenestsupplier:DeleteService", resource: "service/{ServiceId}" },
  params: DeleteServiceParams,
  async run(ctx, input) {
    await ctx.core.catalog.deleteService(ctx.caller, input.ServiceId, input.ServiceVersion);
    return {};
  },
});
