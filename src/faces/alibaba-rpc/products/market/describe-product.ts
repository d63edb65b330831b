// Market 2015-11-01 DescribeProduct: SDK model @alicloud/market20151101 4.3.1 DescribeProductRequest/ResponseBody,
// ALIBABA.md 5.6 (legacy wrappers ProductSkus.ProductSku, OrderPeriods.OrderPeriod, Modules.Module).
// The top-level Code is the product code (the success body's only Code: see respond.ts).
import { Type } from "@sinclair/typebox";
import type { MarketProduct } from "../../../../core/market/product.ts";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, modulesOf, ms, num } from "./market-wire.ts";

export function toDescribeProductResponse(p: MarketProduct) {
  return {
    Code: p.code,
    Name: p.name,
    Type: p.type,
    Description: p.description,
    ShortDescription: p.shortDescription,
    PicUrl: "",
    FrontCategoryId: 0,
    Score: 0,
    UseCount: 0,
    SupplierPk: num(p.supplierAccountId),
    GmtCreated: ms(p.createdAt),
    GmtModified: ms(p.updatedAt),
    // Published products are listed at once: nestbox has no Marketplace review.
    AuditStatus: "success",
    AuditFailMsg: "",
    AuditTime: ms(p.updatedAt),
    Status: "online",
    ShopInfo: { Id: num(p.supplierAccountId), Name: p.supplierName, Emails: "", Telephones: { Telephone: [] as string[] }, WangWangs: { WangWang: [] as never[] } },
    ProductExtras: { ProductExtra: [] as never[] },
    ProductSkus: {
      ProductSku: p.skus.map((s) => ({
        Code: s.code,
        Name: s.name,
        ChargeType: s.chargeType,
        Hidden: s.hidden,
        Constraints: JSON.stringify({ trial: s.trialAllowed, trialDays: s.trialDays }),
        OrderPeriods: {
          OrderPeriod: s.periods.map((period) => ({
            Name: period.durations.length ? `${period.durations.join(",")} ${period.cycle}` : period.cycle,
            PeriodType: period.cycle,
          })),
        },
        Modules: modulesOf(s.components),
      })),
    },
  };
}

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeProduct",
  iam: { action: "market:DescribeProduct", resource: "*" },
  params: Type.Object({
    Code: Type.String({ minLength: 1 }),
    AliUid: Type.Optional(Type.String()),
    QueryDraft: Type.Optional(Type.Boolean()),
  }),
  async run(ctx, input) {
    return toDescribeProductResponse(await ctx.core.market.products.get(input.Code));
  },
});
