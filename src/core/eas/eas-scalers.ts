import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import { QPS_WINDOW_SECONDS } from "./eas-autoscaler.ts";
import { checkTimeZone, parseCron } from "./eas-cron.ts";
import type { EasContext } from "./eas-deps.ts";
import { EasErrorCodes } from "./eas-errors.ts";
import { parseAutoscaler, type EasAutoscaler, type EasCronScaler } from "./eas-scaler-config.ts";
import type { EasService } from "./eas-service.ts";

export interface CronJobInput {
  readonly Name?: unknown;
  readonly Schedule?: unknown;
  readonly TargetSize?: unknown;
  readonly TimeZone?: unknown;
}

const bad = (parameter: string, message: string) => new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, message, { parameter });

/** Autoscaler and cron scaler settings of a service (A.3.13, A.2 cron scaler rows). */
export class EasScalers {
  constructor(private readonly c: EasContext) {}

  async setAutoscaler(caller: Principal, regionId: string, name: string, body: Parameters<typeof parseAutoscaler>[0], mode: "create" | "update"): Promise<EasAutoscaler> {
    const policy = parseAutoscaler(body);
    const s = await this.c.require(caller.accountId, regionId, name);
    if (mode === "update" && !s.autoscaler) throw notConfigured("autoscaler", name);
    await this.c.mutate(s.id, (cur) => ({ ...cur, autoscaler: policy }));
    this.c.autoscaling.forget(s.id);
    return policy;
  }

  async deleteAutoscaler(caller: Principal, regionId: string, name: string): Promise<void> {
    const s = await this.c.require(caller.accountId, regionId, name);
    if (!s.autoscaler) throw notConfigured("autoscaler", name);
    await this.c.mutate(s.id, (cur) => ({ ...cur, autoscaler: undefined }));
    this.c.autoscaling.forget(s.id);
  }

  /** The policy and the metrics it acts on now (qps: requests per second to the service). */
  async describeAutoscaler(caller: Principal, regionId: string, name: string): Promise<{ service: EasService; policy?: EasAutoscaler; metrics: { name: string; value: number }[] }> {
    const s = await this.c.require(caller.accountId, regionId, name);
    return { service: s, ...(s.autoscaler ? { policy: s.autoscaler } : {}), metrics: [{ name: "qps", value: round2(this.c.meter.rate(s.id, QPS_WINDOW_SECONDS)) }] };
  }

  async setCronScaler(caller: Principal, regionId: string, name: string, body: { ScaleJobs?: unknown; ExcludeDates?: unknown }, mode: "create" | "update"): Promise<void> {
    const s = await this.c.require(caller.accountId, regionId, name);
    if (mode === "update" && !s.cronScaler) throw notConfigured("cron scaler", name);
    const now = this.c.now();
    if (!Array.isArray(body.ScaleJobs) || body.ScaleJobs.length === 0) throw bad("ScaleJobs", "ScaleJobs must list at least one {Name, Schedule, TargetSize}.");
    const jobs = (body.ScaleJobs as CronJobInput[]).map((j, i) => {
      if (typeof j !== "object" || j === null) throw bad(`ScaleJobs.${i + 1}`, "Each scale job must be an object.");
      if (typeof j.Schedule !== "string") throw bad(`ScaleJobs.${i + 1}.Schedule`, "Each scale job needs a Schedule.");
      parseCron(j.Schedule);
      const size = j.TargetSize;
      if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > 100) throw bad(`ScaleJobs.${i + 1}.TargetSize`, "TargetSize must be an integer from 0 to 100.");
      const timeZone = typeof j.TimeZone === "string" ? j.TimeZone : "";
      checkTimeZone(timeZone);
      return { name: typeof j.Name === "string" && j.Name ? j.Name : `job-${i + 1}`, schedule: j.Schedule, targetSize: size, timeZone, createdAt: now };
    });
    const excludeDates = body.ExcludeDates === undefined ? [] : body.ExcludeDates;
    if (!Array.isArray(excludeDates) || !excludeDates.every((d) => typeof d === "string")) throw bad("ExcludeDates", "ExcludeDates must be a list of cron expressions.");
    for (const d of excludeDates as string[]) parseCron(d);
    const config: EasCronScaler = { jobs, excludeDates: excludeDates as string[] };
    await this.c.mutate(s.id, (cur) => ({ ...cur, cronScaler: config }));
  }

  async deleteCronScaler(caller: Principal, regionId: string, name: string): Promise<void> {
    const s = await this.c.require(caller.accountId, regionId, name);
    if (!s.cronScaler) throw notConfigured("cron scaler", name);
    await this.c.mutate(s.id, (cur) => ({ ...cur, cronScaler: undefined }));
  }

  async describeCronScaler(caller: Principal, regionId: string, name: string): Promise<EasService> {
    return this.c.require(caller.accountId, regionId, name);
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function notConfigured(what: "autoscaler" | "cron scaler", name: string): DomainError {
  return new DomainError(
    "NotFound",
    what === "autoscaler" ? EasErrorCodes.AUTOSCALER_NOT_FOUND : EasErrorCodes.CRONSCALER_NOT_FOUND,
    `Service ${name} has no ${what}.`,
  );
}
