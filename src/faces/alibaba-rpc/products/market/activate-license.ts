// Market 2015-11-01 ActivateLicense: SDK model @alicloud/market20151101 4.3.1 ActivateLicenseRequest/ResponseBody,
// ALIBABA.md 5.4.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "ActivateLicense",
  iam: { action: "market:ActivateLicense", resource: "*" },
  params: Type.Object({ LicenseCode: Type.String({ minLength: 1 }), Identification: Type.Optional(Type.String()) }),
  async run(ctx, input) {
    await ctx.core.market.licenses.activate(ctx.caller, input.LicenseCode, input.Identification || undefined);
    return { Success: true };
  },
});
