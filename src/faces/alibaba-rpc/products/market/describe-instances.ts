// Market 2015-11-01 DescribeInstances: SDK model @alicloud/market20151101 4.3.1
// DescribeInstancesRequest/ResponseBody, ALIBABA.md 5.2 (PageNumber and PageSize required; Codes and
// ExceptCodes are comma-separated product codes and exclude each other).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, toInstanceItem } from "./market-wire.ts";

const codes = (s: string | undefined) => (s ? s.split(",").map((c) => c.trim()).filter(Boolean) : undefined);

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeInstances",
  iam: { action: "market:DescribeInstances", resource: "*" },
  params: Type.Object({
    PageNumber: Type.Integer({ minimum: 1 }),
    PageSize: Type.Integer({ minimum: 1, maximum: 100 }),
    ProductType: Type.Optional(Type.String()),
    Codes: Type.Optional(Type.String()),
    ExceptCodes: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const { page, pageNumber, pageSize } = await ctx.core.market.instances.list(ctx.caller, {
      pageNumber: input.PageNumber,
      pageSize: input.PageSize,
      productType: input.ProductType,
      codes: codes(input.Codes),
      exceptCodes: codes(input.ExceptCodes),
    });
    return { PageNumber: pageNumber, PageSize: pageSize, TotalCount: page.totalCount, InstanceItems: { InstanceItem: page.items.map(toInstanceItem) } };
  },
});
