// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-launchservice
// fields from SDK model LaunchServiceRequest / LaunchServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

/**
 * Publishes an Approved (PublishNewVersion) or Offline (PublishOfflineVersion) version; it goes
 * Online and becomes the default unless a newer version is already Online. ServiceVersion
 * "draft" names the newest version registered from the draft. Categories are kept and shown by
 * GetService; Recommend (a Marketplace placement hint) is not declared.
 */
export const LaunchServiceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  ServiceVersion: Type.String(),
  Categories: Type.Optional(Type.Array(Type.String({ maxLength: 128 }), { maxItems: 20 })),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "LaunchService",
  iam: { action: "computenestsupplier:LaunchService", resource: "service/{ServiceId}" },
  params: LaunchServiceParams,
  async run(ctx, input) {
    const result = await ctx.core.catalog.launchService(ctx.caller, input.ServiceId, input.ServiceVersion, input.Categories);
    return { Version: result.version.version, ServiceLaunchResultType: result.resultType };
  },
});
