// Market 2015-11-01 DescribeLicense: SDK model @alicloud/market20151101 4.3.1 DescribeLicenseRequest/ResponseBody,
// ALIBABA.md 5.4 (times "2019-05-25 09:00:00", here in UTC).
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, num, wallClock } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeLicense",
  iam: { action: "market:DescribeLicense", resource: "*" },
  params: Type.Object({ LicenseCode: Type.String({ minLength: 1 }) }),
  async run(ctx, input) {
    const { license: l, instance: i } = await ctx.core.market.licenses.describe(ctx.caller, input.LicenseCode);
    return {
      License: {
        LicenseCode: l.code,
        LicenseStatus: l.status,
        InstanceId: i.id,
        ProductCode: i.productCode,
        ProductName: i.productName,
        ProductSkuId: i.skuCode,
        SupplierName: i.supplierName,
        CreateTime: wallClock(l.createdAt),
        ActivateTime: wallClock(l.activatedAt),
        ExpiredTime: wallClock(i.endOn),
        ExtendInfo: { AliUid: num(i.accountId), Email: "", Mobile: "", AccountQuantity: 1 },
        ExtendArray: { LicenseAttribute: Object.entries(i.components).map(([Code, Value]) => ({ Code, Value })) },
      },
    };
  },
});
