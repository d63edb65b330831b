// Market 2015-11-01 DescribeProducts: SDK model @alicloud/market20151101 4.3.1 DescribeProductsRequest/ResponseBody,
// ALIBABA.md 5.6 (Filter.N.Key: productType, aliyunUid (the supplier), categoryId, sort).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { lowestPrice, MARKET, num } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeProducts",
  iam: { action: "market:DescribeProducts", resource: "*" },
  params: Type.Object({
    SearchTerm: Type.Optional(Type.String()),
    PageNumber: Type.Optional(Type.Integer({ minimum: 1 })),
    PageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    Filter: Type.Optional(Type.Array(Type.Object({ Key: Type.Optional(Type.String()), Value: Type.Optional(Type.String()) }))),
  }),
  async run(ctx, input) {
    const filter = (key: string) => input.Filter?.find((f) => f.Key === key)?.Value || undefined;
    const { page, pageNumber, pageSize } = await ctx.core.market.products.list(
      { searchTerm: input.SearchTerm || undefined, productType: filter("productType"), supplierAccountId: filter("aliyunUid") },
      { pageNumber: input.PageNumber, pageSize: input.PageSize },
    );
    return {
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: page.totalCount,
      ProductItems: {
        ProductItem: page.items.map((p) => {
          const price = lowestPrice(p);
          return {
            Code: p.code,
            Name: p.name,
            CategoryId: 0,
            SupplierId: num(p.supplierAccountId),
            SupplierName: p.supplierName,
            ShortDescription: p.shortDescription,
            ImageUrl: "",
            Tags: "",
            Score: "",
            PriceInfo: price ? JSON.stringify({ price: price.price, cycle: price.cycle, currency: "CNY" }) : "",
            SuggestedPrice: price ? String(price.price) : "",
            DeliveryWay: p.type,
            DeliveryDate: "",
            OperationSystem: "",
            WarrantyDate: "",
            TargetUrl: "",
          };
        }),
      },
    };
  },
});
