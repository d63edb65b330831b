import { DomainError } from "../shared/domain-error.ts";
import { EasErrorCodes } from "./eas-errors.ts";

/**
 * Cron schedules of the cron scaler (A.2 CreateServiceCronScaler): five fields (minute hour
 * day-of-month month day-of-week) or six with seconds first; `*`, `?`, lists, ranges, steps,
 * month and weekday names. Evaluated in the job's time zone (IANA name; UTC when empty).
 */
const FIELDS = [
  { min: 0, max: 59 },
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { min: 0, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
] as const;

export type CronSchedule = readonly (ReadonlySet<number> | undefined)[];

const invalid = (schedule: string, why: string) =>
  new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, `The schedule ${JSON.stringify(schedule)} is not valid: ${why}.`, { parameter: "ScaleJobs.Schedule" });

export function parseCron(schedule: string): CronSchedule {
  const parts = schedule.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) throw invalid(schedule, "use 5 fields (minute hour day month weekday) or 6 with seconds first");
  const all = parts.length === 5 ? ["0", ...parts] : parts;
  return all.map((text, i) => {
    const f = FIELDS[i]!;
    if (text === "*" || text === "?") return undefined;
    const out = new Set<number>();
    for (const item of text.split(",")) {
      const [range, stepText] = item.split("/") as [string, string | undefined];
      const step = stepText === undefined ? 1 : Number(stepText);
      if (!Number.isInteger(step) || step < 1) throw invalid(schedule, `bad step in ${item}`);
      const value = (v: string) => {
        const named = "names" in f ? f.names.indexOf(v.toUpperCase() as never) : -1;
        const n = named >= 0 ? named + f.min : Number(v);
        if (!Number.isInteger(n) || n < f.min || n > f.max) throw invalid(schedule, `${v} is out of range ${f.min}-${f.max}`);
        return n;
      };
      const [lo, hi] = range === "*" ? [f.min, f.max] : range.includes("-") ? range.split("-").map(value) : [value(range), stepText ? f.max : value(range)];
      for (let n = lo!; n <= hi!; n += step) out.add(i === 5 && n === 7 ? 0 : n);
    }
    return out;
  });
}

function partsIn(at: Date, timeZone: string): number[] {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: timeZone || "UTC",
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    weekday: "short",
  });
  const p = Object.fromEntries(fmt.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(String(p.weekday));
  return [Number(p.second), Number(p.minute), Number(p.hour), Number(p.day), Number(p.month), weekday];
}

/** Whether the schedule fires in the second that contains `at`. */
export function cronMatches(schedule: CronSchedule, at: Date, timeZone = ""): boolean {
  const p = partsIn(at, timeZone);
  return schedule.every((set, i) => set === undefined || set.has(p[i]!));
}

/** Throws InvalidArgument for an unknown IANA time zone. */
export function checkTimeZone(timeZone: string): void {
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new DomainError("InvalidArgument", EasErrorCodes.PARAMETER_INVALID, `The time zone ${timeZone} is not known.`, { parameter: "ScaleJobs.TimeZone" });
  }
}
