// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-listserviceversions
// A.3.9: ImageAvailable and ServiceRunnable are strings ("true"/"false"/"unknown").
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, rfc3339, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "ListServiceVersions",
  method: "GET",
  path: `${SERVICE_PATH}/versions`,
  iam: { action: "eas:ListServiceVersions", resource: "service/{ServiceName}" },
  params: Type.Object({ ...ServicePathParams, PageNumber: Type.Optional(Type.Integer({ minimum: 1 })), PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
  async run(ctx, input) {
    const pageNumber = input.PageNumber ?? 1;
    const pageSize = input.PageSize ?? 100;
    const { items, totalCount } = await ctx.core.eas.services.versions(ctx.caller, ctx.regionId, input.ServiceName, pageNumber, pageSize);
    return {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: totalCount,
      Versions: items.map((v) => ({
        BuildTime: rfc3339(v.createdAt),
        ImageAvailable: "unknown",
        ImageId: v.version,
        Message: v.message,
        ServiceConfig: JSON.stringify(v.spec),
        ServiceRunnable: "true",
      })),
    };
  },
});
