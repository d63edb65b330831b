// Market 2015-11-01 DescribeInstance: seed /work spec seeds/market-DescribeInstance.txt (the seed
// wins on types), SDK model @alicloud/market20151101 4.3.1 DescribeInstanceRequest/ResponseBody, ALIBABA.md 5.1.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, toDescribeInstanceResponse } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeInstance",
  iam: { action: "market:DescribeInstance", resource: "*" },
  params: Type.Object({
    InstanceId: Type.String({ minLength: 1 }),
    /** Deprecated (seed). */
    OrderType: Type.Optional(Type.String()),
    OwnerId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    return toDescribeInstanceResponse(await ctx.core.market.instances.get(ctx.caller, input.InstanceId));
  },
});
