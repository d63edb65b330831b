// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-createserviceinstance
// fields from SDK model CreateServiceInstanceRequest / CreateServiceInstanceResponseBody (ALIBABA.md 3.2).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { CreateInstanceResult } from "../../../../core/instances/instance-inputs.ts";
import { unsupportedArgument } from "../../../../core/instances/instance-errors.ts";
import { fromTagParams } from "../computenestsupplier/service-wire.ts";
import { JsonParam } from "../../../shared/params.ts";
import { TagParam } from "./instance-wire.ts";

export const CreateServiceInstanceParams = Type.Object({
  RegionId: Type.String(),
  ServiceId: Type.String({ minLength: 1 }),
  ServiceVersion: Type.Optional(Type.String()),
  Name: Type.Optional(Type.String()),
  TemplateName: Type.Optional(Type.String()),
  /** `json` style: the template parameter values as one JSON object; RegionId inside is the deployment region. */
  Parameters: Type.Optional(JsonParam(Type.Record(Type.String(), Type.Unknown()))),
  SpecificationName: Type.Optional(Type.String()),
  SpecificationCode: Type.Optional(Type.String()),
  ResourceGroupId: Type.Optional(Type.String()),
  Tag: Type.Optional(Type.Array(TagParam, { maxItems: 20 })),
  EnableInstanceOps: Type.Optional(Type.Boolean()),
  EnableUserPrometheus: Type.Optional(Type.Boolean()),
  TrialType: Type.Optional(Type.String()),
  /** CloudMonitor alert contact group: accepted; nestbox sends no alerts. */
  ContactGroup: Type.Optional(Type.String()),
  /** Subscription auto-pay: accepted; local resources are not billed. */
  ResourceAutoPay: Type.Optional(Type.Boolean()),
  ServiceInstanceId: Type.Optional(Type.String()),
  Commodity: Type.Optional(
    Type.Object({
      PayPeriod: Type.Optional(Type.Integer()),
      PayPeriodUnit: Type.Optional(Type.String()),
      AutoPay: Type.Optional(Type.Boolean()),
      AutoRenew: Type.Optional(Type.Boolean()),
      CouponId: Type.Optional(Type.String()),
      QuotationId: Type.Optional(Type.String()),
    }),
  ),
  OperationMetadata: Type.Optional(
    Type.Object({
      StartTime: Type.Optional(Type.String()),
      EndTime: Type.Optional(Type.String()),
      Resources: Type.Optional(Type.String()),
      ServiceInstanceId: Type.Optional(Type.String()),
      ExtraInfo: Type.Optional(Type.String()),
    }),
  ),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
  DryRun: Type.Optional(Type.Boolean()),
});

/**
 * The new instance's id and status (Deploying once its deployment is submitted; Created when
 * the engine could not take it yet). A dry run answers 200 with RequestId only: nothing was
 * created, so there is no id (ALIBABA.md 2.5 leaves the vendor's answer open).
 */
export function toCreateServiceInstanceResponse(result: CreateInstanceResult) {
  if (result.dryRun) return {};
  return { ServiceInstanceId: result.instance.id, Status: result.instance.status };
}

export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "CreateServiceInstance",
  iam: { action: "computenest:CreateServiceInstance", resource: "serviceinstance/*" },
  params: CreateServiceInstanceParams,
  async run(ctx, input) {
    // Marketplace purchases, trial conversion and managed-operation instances need slices nestbox does not have.
    if (input.SpecificationCode) throw unsupportedArgument("SpecificationCode", "Buying through Marketplace (SpecificationCode)");
    if (input.Commodity && Object.values(input.Commodity).some((v) => v !== undefined)) throw unsupportedArgument("Commodity", "Subscription billing (Commodity)");
    if (input.ServiceInstanceId) throw unsupportedArgument("ServiceInstanceId", "Converting a trial instance (ServiceInstanceId)");
    if (input.OperationMetadata && Object.values(input.OperationMetadata).some((v) => v)) {
      throw unsupportedArgument("OperationMetadata", "Managed-operation instances (OperationMetadata)");
    }
    const result = await ctx.core.instances.create(ctx.caller, {
      regionId: input.RegionId || ctx.regionId,
      serviceId: input.ServiceId,
      serviceVersion: input.ServiceVersion || undefined,
      templateName: input.TemplateName || undefined,
      specificationName: input.SpecificationName || undefined,
      name: input.Name || undefined,
      parameters: input.Parameters,
      resourceGroupId: input.ResourceGroupId || undefined,
      tags: fromTagParams(input.Tag),
      enableInstanceOps: input.EnableInstanceOps,
      enableUserPrometheus: input.EnableUserPrometheus,
      trialType: input.TrialType || undefined,
      clientToken: input.ClientToken || undefined,
      dryRun: input.DryRun,
    });
    return toCreateServiceInstanceResponse(result);
  },
});
