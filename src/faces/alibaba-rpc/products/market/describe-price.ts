// Market 2015-11-01 DescribePrice: SDK model @alicloud/market20151101 4.3.1 DescribePriceRequest/ResponseBody,
// ALIBABA.md 5.3. Prices in CNY; nestbox has no coupons or promotions (empty wrappers).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribePrice",
  iam: { action: "market:DescribePrice", resource: "*" },
  params: Type.Object({ OrderType: Type.String(), Commodity: Type.String() }),
  async run(ctx, input) {
    const quote = await ctx.core.market.orders.price(ctx.caller, input.OrderType, input.Commodity);
    return {
      ProductCode: quote.commodity.productCode,
      OriginalPrice: quote.originalPrice,
      TradePrice: quote.tradePrice,
      DiscountPrice: quote.discountPrice,
      Currency: "CNY",
      Cycle: quote.commodity.pricingCycle,
      Duration: quote.commodity.duration,
      Cuxiao: false,
      InfoTitle: "",
      ExpressionCode: "",
      ExpressionMessage: "",
      Coupons: { Coupon: [] as never[] },
      PromotionRules: { PromotionRule: [] as never[] },
    };
  },
});
