// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenestsupplier-2021-05-21-getserviceprovisions
// (seed computenestsupplier-GetServiceProvisions, Oct 22, 2025); fields from SDK model
// GetServiceProvisionsRequest / GetServiceProvisionsResponseBody (ALIBABA.md 4.5).
import { Type } from "@sinclair/typebox";
import type { RoleProvisionView, ServiceProvisionView } from "../../../../core/provisions/service-provision.ts";
import { JsonParam } from "../../../shared/params.ts";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { RequestContext } from "../../../shared/request-context.ts";

export const GetServiceProvisionsParams = Type.Object({
  RegionId: Type.Optional(Type.String()),
  ServiceId: Type.String({ minLength: 1 }),
  ServiceVersion: Type.Optional(Type.String()),
  TemplateName: Type.Optional(Type.String()),
  /** `json` style (shrunk to one JSON string by the SDKs, CLIENTS.md 4.5); RegionId inside is the deployment region. */
  Parameters: Type.Optional(JsonParam(Type.Record(Type.String(), Type.Unknown()))),
});

/** The supplier model names ApiForCreation's map `Parameters`, the user model `parameters` (ALIBABA.md 3.13). */
export type ApiParametersKey = "Parameters" | "parameters";

const baseUrl = (ctx: RequestContext) => `${ctx.secureTransport ? "https" : "http"}://${ctx.host}`;

/** nestbox's own route that turns the product on (native API, src/faces/native/product-routes.ts). */
const enableUrl = (ctx: RequestContext, accountId: string, product: string) =>
  `${baseUrl(ctx)}/nestbox/v1/accounts/${encodeURIComponent(accountId)}/products/${encodeURIComponent(product)}/enable`;

/** The RAM CreateRole call on this server that makes the first missing role (ApiForCreation as a URL; sign it to send). */
function authorizationUrl(ctx: RequestContext, missing: RoleProvisionView): string {
  const api = missing.apiForCreation;
  const query = new URLSearchParams({ Action: api.apiName, Version: "2015-05-01", Format: "JSON" });
  for (const [k, v] of Object.entries(api.parameters)) query.set(k, typeof v === "string" ? v : JSON.stringify(v));
  return `${baseUrl(ctx)}/?${query.toString()}`;
}

/**
 * One ServiceProvisions item per product. StatusReason and EnableURL only when the product is
 * not on (Disabled; StatusReason also for Unknown); AuthorizationURL only while a role is missing;
 * RoleProvision only when the service declares roles.
 */
export function toServiceProvisions(ctx: RequestContext, views: readonly ServiceProvisionView[], key: ApiParametersKey) {
  return views.map((v) => {
    const off = v.status === "Disabled";
    const missing = v.roles.find((r) => !r.created);
    return {
      ServiceName: v.serviceName,
      Status: v.status,
      StatusReason: v.statusReason,
      AutoEnableService: v.autoEnableService,
      EnableURL: off ? enableUrl(ctx, v.accountId, v.serviceName) : undefined,
      RoleProvision: v.roles.length
        ? {
            Roles: v.roles.map((r) => ({
              RoleName: r.roleName,
              Created: r.created,
              Function: r.function,
              ApiForCreation: { ApiName: r.apiForCreation.apiName, ApiProductId: r.apiForCreation.apiProductId, ApiType: r.apiForCreation.apiType, [key]: { ...r.apiForCreation.parameters } },
            })),
            AuthorizationURL: missing ? authorizationUrl(ctx, missing) : undefined,
          }
        : undefined,
      CommodityProvisions: v.commodities.map((c) => ({
        CommodityCode: c.commodityCode,
        Status: c.status,
        EnableURL: c.status === "Disabled" ? enableUrl(ctx, v.accountId, v.serviceName) : undefined,
      })),
    };
  });
}

/** The products and roles the caller's own service needs, checked against the caller's account. */
export default defineRpcOperation({
  product: "ComputeNestSupplier",
  version: "2021-05-21",
  action: "GetServiceProvisions",
  iam: { action: "computenestsupplier:GetServiceProvisions", resource: "service/{ServiceId}" },
  params: GetServiceProvisionsParams,
  async run(ctx, input) {
    const views = await ctx.core.provisions.getServiceProvisions(ctx.caller, {
      side: "supplier",
      serviceId: input.ServiceId,
      serviceVersion: input.ServiceVersion || undefined,
      templateName: input.TemplateName || undefined,
      parameters: input.Parameters,
      regionId: ctx.regionId,
    });
    return { ServiceProvisions: toServiceProvisions(ctx, views, "Parameters") };
  },
});
