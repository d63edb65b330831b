// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-withdrawservice
// fields from SDK model WithdrawServiceRequest / WithdrawServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";

/** Unpublishes an Online version (-> Offline); customers stop seeing it, instances keep running. */
export const WithdrawServiceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String(),
  ServiceVersion: Type.String(),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "WithdrawService",
  iam: { action: "computenestsupplier:WithdrawService", resource: "service/{ServiceId}" },
  params: WithdrawServiceParams,
  async run(ctx, input) {
    await ctx.core.catalog.withdrawService(ctx.caller, input.ServiceId, input.ServiceVersion);
    return {};
  },
});
