// https://www.alibabacloud.com/help/en/compute-nest/developer-reference/api-computenest-2021-06-01-continuedeployserviceinstance
// fields from SDK model ContinueDeployServiceInstanceRequest / ContinueDeployServiceInstanceResponseBody (ALIBABA.md 3.9).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import type { ContinueDeployResult } from "../../../../core/instances/instance-inputs.ts";
import { InstanceRef, parametersParam } from "./instance-wire.ts";
import { serviceInstanceTags } from "./instance-resource-tags.ts";

export const ContinueDeployServiceInstanceParams = Type.Object({
  ...InstanceRef,
  /** A plain string in this model (not `json` style), holding a JSON object of changed values. */
  Parameters: Type.Optional(Type.String()),
  DryRun: Type.Optional(Type.Boolean()),
  /** Option.N, handed to the engine. */
  Option: Type.Optional(Type.Array(Type.String())),
  ClientToken: Type.Optional(Type.String({ maxLength: 64 })),
});

export function toContinueDeployServiceInstanceResponse(result: ContinueDeployResult) {
  const d = result.dryRunResult;
  return {
    ServiceInstanceId: result.instance.id,
    ...(d && {
      DryRunResult: {
        ParametersAllowedToBeModified: [...d.parametersAllowedToBeModified],
        ParametersConditionallyAllowedToBeModified: [...d.parametersConditionallyAllowedToBeModified],
        ParametersNotAllowedToBeModified: [...d.parametersNotAllowedToBeModified],
      },
    }),
  };
}

/** DeployedFailed only: deploys the instance's template again with the changed values. */
export default defineRpcOperation({
  product: "ComputeNest",
  version: "2021-06-01",
  action: "ContinueDeployServiceInstance",
  iam: { action: "computenest:ContinueDeployServiceInstance", resource: "serviceinstance/{ServiceInstanceId}", resourceTags: serviceInstanceTags },
  params: ContinueDeployServiceInstanceParams,
  async run(ctx, input) {
    const result = await ctx.core.instances.continueDeploy(ctx.caller, {
      serviceInstanceId: input.ServiceInstanceId,
      parameters: parametersParam(input.Parameters),
      options: input.Option,
      dryRun: input.DryRun,
    });
    return toContinueDeployServiceInstanceResponse(result);
  },
});
