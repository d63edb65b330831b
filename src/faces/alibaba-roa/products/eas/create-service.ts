// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-createservice
// SDK: CreateServiceRequest (body: raw spec, query Develop/Labels/WorkspaceId), CreateServiceResponseBody.
import { Type } from "@sinclair/typebox";
import { JsonParam } from "../../../shared/params.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, endpointOf } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "CreateService",
  method: "POST",
  path: "/api/v2/services",
  iam: { action: "eas:CreateService", resource: "*" },
  params: Type.Object({
    Develop: Type.Optional(Type.Boolean()),
    Labels: Type.Optional(JsonParam(Type.Record(Type.String(), Type.String()))),
    WorkspaceId: Type.Optional(Type.String()),
  }),
  body: Type.Unknown(),
  async run(ctx, input, body) {
    const s = await ctx.core.eas.services.create(ctx.caller, {
      regionId: ctx.regionId,
      spec: body,
      ...(input.Labels ? { labels: input.Labels } : {}),
      ...(input.Develop !== undefined ? { develop: input.Develop } : {}),
      ...(input.WorkspaceId ? { workspaceId: input.WorkspaceId } : {}),
    });
    return {
      ServiceId: s.id,
      ServiceName: s.name,
      Status: s.status,
      Region: s.regionId,
      InternetEndpoint: endpointOf(ctx.host, s.name),
      IntranetEndpoint: endpointOf(ctx.host, s.name),
    };
  },
});
