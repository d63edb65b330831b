// Market 2015-11-01 DescribeInstanceForIsv (the supplier's view of a customer's instance): SDK model
// @alicloud/market20151101 4.3.1 DescribeInstanceForIsvRequest/ResponseBody, ALIBABA.md 5.1.
import { Type } from "@sinclair/typebox";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, toDescribeInstanceResponse } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeInstanceForIsv",
  iam: { action: "market:DescribeInstanceForIsv", resource: "*" },
  params: Type.Object({ InstanceId: Type.String({ minLength: 1 }) }),
  async run(ctx, input) {
    const view = await ctx.core.market.instances.getForSupplier(ctx.caller, input.InstanceId);
    const { Constraints: _c, Modules: _m, ...fields } = toDescribeInstanceResponse(view);
    // ImageJson describes image products ({imageId, instanceId, ecsInstanceId}); nestbox delivers no images.
    return { ...fields, ImageJson: "{}" };
  },
});
