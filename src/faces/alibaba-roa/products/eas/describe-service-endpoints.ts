// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-describeserviceendpoints
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, endpointOf, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DescribeServiceEndpoints",
  method: "GET",
  path: `${SERVICE_PATH}/endpoints`,
  iam: { action: "eas:DescribeServiceEndpoints", resource: "service/{ServiceName}" },
  params: Type.Object(ServicePathParams),
  async run(ctx, input) {
    const s = await ctx.core.eas.services.get(ctx.caller, ctx.regionId, input.ServiceName);
    const port = Number(/:(\d+)$/.exec(ctx.host)?.[1] ?? 80);
    const url = endpointOf(ctx.host, s.name);
    return {
      AccessToken: s.accessToken,
      Message: "",
      // nestbox's own invocation gateway is the only endpoint: shared, path-routed.
      Endpoints: [{ EndpointType: "DefaultGateway", BackendId: "", PathType: "Prefix", Port: port, InternetEndpoints: [url], IntranetEndpoints: [url] }],
    };
  },
});
