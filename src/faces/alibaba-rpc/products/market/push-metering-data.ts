// Market 2015-11-01 PushMeteringData: SDK model @alicloud/market20151101 4.3.1 PushMeteringDataRequest/ResponseBody,
// ALIBABA.md 5.5 (Metering: JSON array of {InstanceId, StartTime, EndTime, SerialNo?, Entities[{Key, Value, meteringAssit}]}).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "PushMeteringData",
  iam: { action: "market:PushMeteringData", resource: "*" },
  // Optional in the metadata, required in practice (ALIBABA.md 5.5): the core names it when missing.
  params: Type.Object({ Metering: Type.Optional(Type.String()) }),
  async run(ctx, input) {
    await ctx.core.market.metering.push(ctx.caller, input.Metering);
    return { Success: true };
  },
});
