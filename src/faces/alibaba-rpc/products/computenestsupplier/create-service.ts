// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-createservice
// (Last Updated Oct 23, 2025); fields from SDK model CreateServiceRequest / CreateServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { WriteResult } from "../../../../core/catalog/catalog-service.ts";
import { fromTagParams, TagParam } from "./service-wire.ts";
import { dryRunResult, fromContentParams, SERVICE_CONTENT_PARAMS } from "./service-content-params.ts";

export const CreateServiceParams = Type.Object({
  RegionId: Type.String(),
  ...SERVICE_CONTENT_PARAMS,
  DeployType: Type.String({ maxLength: 64 }),
  ServiceId: Type.Optional(Type.String()),
  SourceServiceId: Type.Optional(Type.String()),
  SourceServiceVersion: Type.Optional(Type.String()),
  ResourceGroupId: Type.Optional(Type.String()),
  Tag: Type.Optional(Type.Array(TagParam)),
});

/**
 * A new service (Version "draft", Status "Draft"; the vendor's example shows "Created" for the
 * asynchronous create nestbox does not have). With DryRun only DryRunResult is returned.
 */
export function toCreateServiceResponse(result: WriteResult) {
  if (result.dryRun) return { DryRunResult: dryRunResult(result.version) };
  return { ServiceId: result.service.id, Version: result.version.version, Status: result.version.status };
}

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "CreateService",
  iam: { action: "computenestsupplier:CreateService", resource: "service/*" },
  params: CreateServiceParams,
  async run(ctx, input) {
    const result = await ctx.core.catalog.createService(ctx.caller, {
      ...fromContentParams(input),
      regionId: input.RegionId || ctx.regionId,
      serviceId: input.ServiceId || undefined,
      shareType: input.ShareType,
      approvalType: input.ApprovalType,
      resourceGroupId: input.ResourceGroupId,
      tags: fromTagParams(input.Tag),
      clientToken: input.ClientToken || undefined,
      dryRun: input.DryRun,
    });
    return toCreateServiceResponse(result);
  },
});
