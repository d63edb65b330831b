// https://www.alibabacloud.com/help/en/pai/developer-reference/api-eas-2021-07-01-updateserviceinstance
// A.3.7: Isolate takes the instance out of traffic (or back); Detach fences it for good.
import { Type } from "@sinclair/typebox";
import { DomainError } from "../../../../core/shared/domain-error.ts";
import { defineRoaOperation } from "../../roa-operation.ts";
import { EAS_PRODUCT, EAS_VERSION, message, SERVICE_PATH, ServicePathParams } from "./eas-wire.ts";

export default defineRoaOperation({
  product: EAS_PRODUCT,
  version: EAS_VERSION,
  action: "UpdateServiceInstance",
  method: "PUT",
  path: `${SERVICE_PATH}/instances/{InstanceName}`,
  iam: { action: "eas:UpdateServiceInstance", resource: "service/{ServiceName}" },
  params: Type.Object({ ...ServicePathParams, InstanceName: Type.String({ minLength: 1 }), IsReplica: Type.Optional(Type.Boolean()) }),
  body: Type.Object({ Isolate: Type.Optional(Type.Boolean()), Detach: Type.Optional(Type.Boolean()), Hibernate: Type.Optional(Type.Boolean()) }),
  async run(ctx, input, body) {
    if (body?.Hibernate) throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "Hibernate is an invitation-only preview that nestbox does not offer.", { parameter: "Hibernate" });
    if (body?.Detach === false) throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "A detached instance cannot be attached again.", { parameter: "Detach" });
    await ctx.core.eas.instances.update(ctx.caller, ctx.regionId, input.ServiceName, input.InstanceName, {
      ...(body?.Isolate !== undefined ? { isolate: body.Isolate } : {}),
      ...(body?.Detach ? { detach: true } : {}),
    });
    return message(`Instance [${input.InstanceName}] of service [${input.ServiceName}] updated`);
  },
});
