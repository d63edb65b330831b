// nestbox extension (no vendor action): pays a HAND order, which Marketplace leaves to its console.
// Answers like DescribeOrder. IAM action market:PayOrder.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { toDescribeOrderResponse } from "./describe-order.ts";
import { MARKET } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "PayOrder",
  iam: { action: "market:PayOrder", resource: "*" },
  params: Type.Object({ OrderId: Type.String({ minLength: 1 }) }),
  async run(ctx, input) {
    return toDescribeOrderResponse(await ctx.core.market.orders.pay(ctx.caller, input.OrderId));
  },
});
