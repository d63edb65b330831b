// Market 2015-11-01 DescribeOrder: SDK model @alicloud/market20151101 4.3.1 DescribeOrderRequest/ResponseBody,
// ALIBABA.md 5.3.
import { Type } from "@sinclair/typebox";
import type { MarketOrder } from "../../../../core/market/market-instance.ts";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, ms, num } from "./market-wire.ts";

/** OrderType words of DescribeOrder: NEW, RENEW, TRIAL; upgrades as DescribeOrderForIsv names them. */
const orderTypeOf = (o: MarketOrder) =>
  o.orderType === "INSTANCE_RENEW" ? "RENEW" : o.orderType === "INSTANCE_UPGRADE" ? "UPGRADE" : o.commodity.trial ? "TRIAL" : "NEW";

/** PeriodType: MONTH, SEASON, HALFYEAR, YEAR, TWOYEARS; trials ONCE; nestbox's daily periods DAY. */
function periodTypeOf(o: MarketOrder): string {
  const { pricingCycle: cycle, duration } = o.commodity;
  if (o.commodity.trial) return "ONCE";
  if (cycle === "Year") return duration === 2 ? "TWOYEARS" : "YEAR";
  if (cycle === "Month") return duration === 3 ? "SEASON" : duration === 6 ? "HALFYEAR" : "MONTH";
  return "DAY";
}

const component = (code: string, name: string, value: string) => ({ code, globarKey: code, name, value });

export function toDescribeOrderResponse(o: MarketOrder) {
  const paid = o.payStatus === "PAID";
  const components: Record<string, unknown> = {};
  for (const [code, value] of Object.entries(o.commodity.components)) components[code] = component(code, code, value);
  components.ord_time = component("ord_time", "Order time", `${o.commodity.duration}:${o.commodity.pricingCycle}`);
  components.order_num = component("order_num", "Quantity", String(o.commodity.quantity));
  return {
    OrderId: num(o.id),
    OrderStatus: "NORMAL",
    OrderType: orderTypeOf(o),
    PayStatus: o.payStatus,
    ProductCode: o.commodity.productCode,
    ProductName: o.productName,
    ProductSkuCode: o.commodity.skuCode,
    Quantity: o.commodity.quantity,
    AccountQuantity: 1,
    AliUid: num(o.accountId),
    Components: components,
    CreatedOn: ms(o.createdAt),
    PaidOn: ms(o.paidAt),
    PeriodType: periodTypeOf(o),
    OriginalPrice: o.price.originalPrice,
    TotalPrice: o.price.tradePrice,
    PaymentPrice: paid ? o.price.tradePrice : 0,
    CouponPrice: 0,
    SupplierCompanyName: o.supplierName,
    SupplierTelephones: { Telephone: [] as string[] },
    InstanceIds: { InstanceId: [...o.instanceIds] },
  };
}

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeOrder",
  iam: { action: "market:DescribeOrder", resource: "*" },
  params: Type.Object({ OrderId: Type.String({ minLength: 1 }) }),
  async run(ctx, input) {
    return toDescribeOrderResponse(await ctx.core.market.orders.get(ctx.caller, input.OrderId));
  },
});
