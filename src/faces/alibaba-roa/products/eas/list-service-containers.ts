// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-listservicecontainers
// A.3.12 ContainerInfo; `CurrentReaon` is the real (misspelled) wire name.
import { Type } from "@sinclair/typebox";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { EasErrorCodes } from "../../../../core/eas/eas-errors.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, rfc3339, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "ListServiceContainers",
  method: "GET",
  path: `${SERVICE_PATH}/instances/{InstanceName}/containers`,
  iam: { action: "eas:ListServiceContainers", resource: "service/{ServiceName}" },
  params: Type.Object({ ...ServicePathParams, InstanceName: Type.String({ minLength: 1 }) }),
  async run(ctx, input) {
    const s = await ctx.core.eas.services.get(ctx.caller, ctx.regionId, input.ServiceName);
    const i = (await ctx.core.eas.instances.views(s)).find((v) => v.name === input.InstanceName);
    if (!i) throw new DomainError("NotFound", EasErrorCodes.INSTANCE_NOT_FOUND, `The instance ${input.InstanceName} does not exist in service ${s.name}.`, { parameter: "InstanceName" });
    const current = i.status === "Running" ? "Running" : i.status === "Pending" ? "Waiting" : "Terminated";
    return {
      ServiceName: s.name,
      Containers: [
        {
          Name: "worker0",
          Image: "",
          Port: i.containerPort ?? i.port,
          Ready: i.ready,
          RestartCount: i.restartCount,
          CurrentStatus: current,
          CurrentReaon: i.reason,
          CurrentTimestamp: rfc3339(i.startedAt),
          LastStatus: i.lastState ? "Terminated" : "",
          LastReason: i.lastState?.reason ?? "",
          LastTimestamp: rfc3339(i.lastState?.finishedAt),
        },
      ],
    };
  },
});
