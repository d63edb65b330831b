import { BlockList, isIP } from "node:net";
import { wildcardMatch } from "./wildcard.ts";

/** The condition operators of RAM's policy language. */
export const CONDITION_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "IpAddress",
  "NotIpAddress",
] as const;

export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/**
 * The request's condition keys (acs:SourceIp, acs:CurrentTime, acs:SecureTransport,
 * acs:MFAPresent, acs:ResourceTag/<key>, acs:RequestTag/<key>), looked up case-insensitively.
 */
export type ConditionContext = ReadonlyMap<string, readonly string[]>;

export function conditionContext(entries: Record<string, string | readonly string[] | undefined>): ConditionContext {
  const map = new Map<string, readonly string[]>();
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined) continue;
    map.set(k.toLowerCase(), typeof v === "string" ? [v] : v);
  }
  return map;
}

const NEGATED = new Set<ConditionOperator>(["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals", "DateNotEquals", "NotIpAddress"]);

/**
 * One clause: true when some request value matches some policy value (for negated operators:
 * when no request value matches any). A key the request does not have fails a positive operator
 * and satisfies a negated one, so "deny unless from this network" still denies without a key.
 */
export function clauseHolds(operator: ConditionOperator, key: string, policyValues: readonly string[], context: ConditionContext): boolean {
  const actual = context.get(key.toLowerCase());
  const negated = NEGATED.has(operator);
  if (!actual || actual.length === 0) return negated;
  const test = matcher(operator);
  const anyMatch = actual.some((a) => policyValues.some((p) => test(a, p)));
  return negated ? !anyMatch : anyMatch;
}

type Test = (actual: string, expected: string) => boolean;

function matcher(operator: ConditionOperator): Test {
  switch (operator) {
    case "StringEquals":
    case "StringNotEquals":
      return (a, p) => a === p;
    case "StringEqualsIgnoreCase":
    case "StringNotEqualsIgnoreCase":
      return (a, p) => a.toLowerCase() === p.toLowerCase();
    case "StringLike":
    case "StringNotLike":
      return (a, p) => wildcardMatch(p, a, false);
    case "NumericEquals":
    case "NumericNotEquals":
      return numeric((a, p) => a === p);
    case "NumericLessThan":
      return numeric((a, p) => a < p);
    case "NumericLessThanEquals":
      return numeric((a, p) => a <= p);
    case "NumericGreaterThan":
      return numeric((a, p) => a > p);
    case "NumericGreaterThanEquals":
      return numeric((a, p) => a >= p);
    case "DateEquals":
    case "DateNotEquals":
      return date((a, p) => a === p);
    case "DateLessThan":
      return date((a, p) => a < p);
    case "DateLessThanEquals":
      return date((a, p) => a <= p);
    case "DateGreaterThan":
      return date((a, p) => a > p);
    case "DateGreaterThanEquals":
      return date((a, p) => a >= p);
    case "Bool":
      return (a, p) => a.toLowerCase() === p.toLowerCase();
    case "IpAddress":
    case "NotIpAddress":
      return ipInRange;
  }
}

function numeric(compare: (a: number, p: number) => boolean): Test {
  return (a, p) => {
    const x = Number(a);
    const y = Number(p);
    return a.trim() !== "" && p.trim() !== "" && Number.isFinite(x) && Number.isFinite(y) && compare(x, y);
  };
}

function date(compare: (a: number, p: number) => boolean): Test {
  return (a, p) => {
    const x = Date.parse(a);
    const y = Date.parse(p);
    return !Number.isNaN(x) && !Number.isNaN(y) && compare(x, y);
  };
}

/** "1.2.3.4" in "1.2.3.0/24" (or equal to "1.2.3.4"); IPv4-mapped IPv6 addresses count as IPv4. */
function ipInRange(actual: string, range: string): boolean {
  const ip = actual.startsWith("::ffff:") && isIP(actual.slice(7)) === 4 ? actual.slice(7) : actual;
  const [base, bits] = range.trim().split("/");
  const family = isIP(ip);
  if (!family || !base || isIP(base) !== family) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return false;
  const list = new BlockList();
  list.addSubnet(base, prefix, type);
  return list.check(ip, type);
}
