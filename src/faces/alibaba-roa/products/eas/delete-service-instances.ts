// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-deleteserviceinstances
// A.3.6: "delete" recreates the named instances; SoftRestart restarts only the process.
import { Type } from "@sinclair/typebox";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "DeleteServiceInstances",
  method: "DELETE",
  path: `${SERVICE_PATH}/instances`,
  iam: { action: "eas:DeleteServiceInstances", resource: "service/{ServiceName}" },
  params: Type.Object({
    ...ServicePathParams,
    InstanceList: Type.String({ minLength: 1 }),
    SoftRestart: Type.Optional(Type.Boolean()),
    Container: Type.Optional(Type.String()),
    IsReplica: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    const names = input.InstanceList.split(",").map((n) => n.trim()).filter(Boolean);
    await ctx.core.eas.instances.restart(ctx.caller, ctx.regionId, input.ServiceName, names, input.SoftRestart ?? false);
    return message(`Instances [${names.join(",")}] of service [${input.ServiceName}] in region [${ctx.regionId}] are restarting`);
  },
});
