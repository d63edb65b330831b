import { DomainError } from "../shared/domain-error.ts";
import { IAM_ERRORS } from "./iam-errors.ts";

/** RAM's naming rules, checked before anything is stored. */
const NAME_RULES = {
  UserName: { pattern: /^[A-Za-z0-9._@-]{1,64}$/, says: "1 to 64 letters, digits, '.', '_', '@' or '-'" },
  NewUserName: { pattern: /^[A-Za-z0-9._@-]{1,64}$/, says: "1 to 64 letters, digits, '.', '_', '@' or '-'" },
  GroupName: { pattern: /^[A-Za-z0-9-]{1,64}$/, says: "1 to 64 letters, digits or '-'" },
  RoleName: { pattern: /^[A-Za-z0-9.-]{1,64}$/, says: "1 to 64 letters, digits, '.' or '-'" },
  PolicyName: { pattern: /^[A-Za-z0-9-]{1,128}$/, says: "1 to 128 letters, digits or '-'" },
} as const;

export type NameParameter = keyof typeof NAME_RULES;

export function validateName(parameter: NameParameter, value: unknown): string {
  const rule = NAME_RULES[parameter];
  if (typeof value !== "string" || !rule.pattern.test(value)) {
    throw new DomainError("InvalidArgument", IAM_ERRORS.NAME_INVALID, `The parameter ${parameter} is not valid: it must be ${rule.says}.`, { parameter });
  }
  return value;
}

/** Optional free text (display names, comments, descriptions) with RAM's length limits. */
export function validateText(parameter: string, value: string | undefined, max: number, required = false): string | undefined {
  if (value === undefined || value === "") {
    if (required) throw invalid(parameter, "it must not be empty.");
    return undefined;
  }
  if (Array.from(value).length > max) throw invalid(parameter, `it must be at most ${max} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid(parameter, "it must not contain control characters.");
  return value;
}

/** Role session lengths, seconds: RAM allows 3600..43200 for a role, STS asks 900..the role's maximum. */
export const MIN_ROLE_MAX_SESSION = 3600;
export const MAX_ROLE_MAX_SESSION = 43200;
export const MIN_STS_DURATION = 900;
export const DEFAULT_STS_DURATION = 3600;

export function validateMaxSessionDuration(value: number | undefined): number {
  if (value === undefined) return MIN_ROLE_MAX_SESSION;
  if (!Number.isInteger(value) || value < MIN_ROLE_MAX_SESSION || value > MAX_ROLE_MAX_SESSION) {
    throw invalid("MaxSessionDuration", `it must be an integer from ${MIN_ROLE_MAX_SESSION} to ${MAX_ROLE_MAX_SESSION}.`);
  }
  return value;
}

/** RAM's MaxItems: 1..1000, 100 when absent. */
export function validateMaxItems(value: number | undefined): number {
  if (value === undefined) return 100;
  if (!Number.isInteger(value) || value < 1 || value > 1000) throw invalid("MaxItems", "it must be an integer from 1 to 1000.");
  return value;
}

export const invalid = (parameter: string, why: string) =>
  new DomainError("InvalidArgument", IAM_ERRORS.PARAMETER_INVALID, `The parameter ${parameter} is not valid: ${why}`, { parameter });
