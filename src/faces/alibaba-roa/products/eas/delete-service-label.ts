// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-deleteservicelabel
// Keys (comma list, "simple" style) and LabelKeys (JSON array) both name keys to remove.
import { Type } from "@sinclair/typebox";
import { JsonParam } from "../../../shared/params.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DeleteServiceLabel",
  method: "DELETE",
  path: `${SERVICE_PATH}/label`,
  iam: { action: "eas:DeleteServiceLabel", resource: "service/{ServiceName}" },
  params: Type.Object({ ...ServicePathParams, Keys: Type.Optional(Type.String()), LabelKeys: Type.Optional(JsonParam(Type.Array(Type.String()))) }),
  async run(ctx, input) {
    const keys = [...(input.Keys ? input.Keys.split(",").map((k) => k.trim()) : []), ...(input.LabelKeys ?? [])].filter(Boolean);
    await ctx.core.eas.services.deleteLabels(ctx.caller, ctx.regionId, input.ServiceName, keys);
    return message(`Succeed to delete labels of service [${input.ServiceName}]`);
  },
});
