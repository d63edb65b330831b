// nestbox extension (no vendor action): usage pushed with PushMeteringData, summed per metering item
// and period, for the instance's buyer or supplier (`nestbox market usage`). IAM action market:DescribeMeteringUsage.
import { Type } from "@sinclair/typebox";
import { USAGE_PERIODS } from "../../../../core/market/market-metering.ts";
import { invalidArgument } from "../../../../core/shared/domain-error.ts";
import { defineRpcOperation } from "../../../shared/operation.ts";
import { MARKET, num } from "./market-wire.ts";

export default defineRpcOperation({
  ...MARKET,
  action: "DescribeMeteringUsage",
  iam: { action: "market:DescribeMeteringUsage", resource: "*" },
  params: Type.Object({
    InstanceId: Type.String({ minLength: 1 }),
    /** Unix seconds; default 0 and now. */
    StartTime: Type.Optional(Type.Integer({ minimum: 0 })),
    EndTime: Type.Optional(Type.Integer({ minimum: 0 })),
    Period: Type.Optional(Type.String()),
  }),
  async run(ctx, input) {
    const period = input.Period || "Day";
    if (!(USAGE_PERIODS as readonly string[]).includes(period)) throw invalidArgument("Period", `The specified Period is not valid; use ${USAGE_PERIODS.join(", ")}.`, "INVALID_PARAMETER");
    const from = new Date((input.StartTime ?? 0) * 1000);
    const to = input.EndTime !== undefined ? new Date(input.EndTime * 1000) : new Date(ctx.clock.now().getTime() + 1);
    const usage = await ctx.core.market.metering.usage(ctx.caller, input.InstanceId, { from, to, period: period as (typeof USAGE_PERIODS)[number] });
    return {
      InstanceId: num(input.InstanceId),
      Period: period,
      Usages: {
        Usage: usage.map((u) => ({ MeteringItem: u.item, Key: u.key, PeriodStart: u.periodStart.getTime(), Total: u.total, Records: u.records })),
      },
    };
  },
});
