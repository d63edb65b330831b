// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-updateservice
// (Last Updated Oct 23, 2025); fields from SDK model UpdateServiceRequest / UpdateServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { WriteResult } from "../../../../core/catalog/catalog-service.ts";
import { LocaleConfigParam } from "./service-wire.ts";
import { dryRunResult, fromContentParams, SERVICE_CONTENT_PARAMS } from "./service-content-params.ts";

/**
 * Commodity and UpdateOption are not declared: they configure Marketplace commodity mappings
 * and artifact rebuilds, which nestbox does not have.
 */
export const UpdateServiceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  /** Default "draft". Published versions accept only ShareType, ApprovalType and IsDefault. */
  ServiceVersion: Type.Optional(Type.String()),
  ...SERVICE_CONTENT_PARAMS,
  ServiceLocaleConfigs: Type.Optional(Type.Array(LocaleConfigParam)),
  IsDefault: Type.Optional(Type.Boolean()),
});

export function toUpdateServiceResponse(result: WriteResult) {
  return result.dryRun ? { DryRunResult: dryRunResult(result.version) } : {};
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "UpdateService",
  iam: { action: "computenestsupplier:UpdateService", resource: "service/{ServiceId}" },
  params: UpdateServiceParams,
  async run(ctx, input) {
    const result = await ctx.core.catalog.updateService(ctx.caller, {
      ...fromContentParams(input),
      serviceId: input.ServiceId,
      version: input.ServiceVersion || undefined,
      shareType: input.ShareType,
      approvalType: input.ApprovalType,
      isDefault: input.IsDefault,
      dryRun: input.DryRun,
    });
    return toUpdateServiceResponse(result);
  },
});
