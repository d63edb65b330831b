// Market 2015-11-01 CreateOrder: SDK model @alicloud/market20151101 4.3.1 CreateOrderRequest/ResponseBody,
// ALIBABA.md 5.3 (OrderType INSTANCE_BUY | INSTANCE_RENEW | INSTANCE_UPGRADE, Commodity JSON, PaymentType
// AUTO | HAND, ClientToken; "OrderSouce" is the vendor's spelling and unused).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "CreateOrder",
  iam: { action: "market:CreateOrder", resource: "*" },
  params: Type.Object({
    OrderType: Type.String(),
    Commodity: Type.String(),
    PaymentType: Type.String(),
    ClientToken: Type.String(),
    OrderSouce: Type.Optional(Type.String()),
    OwnerId: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const order = await ctx.core.market.orders.create(ctx.caller, {
      orderType: input.OrderType,
      paymentType: input.PaymentType,
      commodity: input.Commodity,
      clientToken: input.ClientToken,
    });
    return { OrderId: order.id, InstanceIds: { InstanceId: [...order.instanceIds] } };
  },
});
