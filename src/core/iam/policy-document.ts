import { DomainError } from "../shared/domain-error.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import { CONDITION_OPERATORS, type ConditionOperator } from "./policy-conditions.ts";

/**
 * RAM's policy language (Version "1"): statements with Effect, Action/NotAction,
 * Resource/NotResource and Condition; trust policies add Principal. Parsed once into this
 * shape, so evaluation never looks at raw JSON.
 */
export type Effect = "Allow" | "Deny";

export interface ConditionClause {
  readonly operator: ConditionOperator;
  /** As written, e.g. "acs:SourceIp", "acs:ResourceTag/env". */
  readonly key: string;
  /** Any one matching satisfies the clause (negated operators: none may match). */
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly effect: Effect;
  /** Exactly one of actions / notActions is set. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** Permission policies: exactly one of resources / notResources. Trust policies: neither. */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Trust policies only: principal kind ("RAM", "Service", "Federated") -> names. */
  readonly principal?: Readonly<Record<string, readonly string[]>>;
  readonly conditions: readonly ConditionClause[];
}

export interface PolicyDocument {
  readonly version: "1";
  readonly statements: readonly PolicyStatement[];
}

/** RAM's limit on a policy document's length. */
export const MAX_POLICY_DOCUMENT_LENGTH = 6144;

export type PolicyKind = "permission" | "trust";

/**
 * Parses and validates a policy document. Errors are InvalidArgument naming `parameter`
 * (PolicyDocument or AssumeRolePolicyDocument) with a message that says what is wrong.
 */
export function parsePolicyDocument(text: unknown, kind: PolicyKind = "permission", parameter = "PolicyDocument"): PolicyDocument {
  const code = kind === "trust" ? IAM_ERRORS.TRUST_POLICY_INVALID : IAM_ERRORS.POLICY_DOCUMENT_INVALID;
  const fail = (why: string): never => {
    throw new DomainError("InvalidArgument", code, `The policy document is not valid: ${why}`, { parameter });
  };
  if (typeof text !== "string" || text.trim() === "") return fail("it is empty.");
  if (text.length > MAX_POLICY_DOCUMENT_LENGTH) return fail(`it is longer than ${MAX_POLICY_DOCUMENT_LENGTH} characters.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return fail("it is not JSON.");
  }
  if (!isObject(raw)) return fail("it must be a JSON object.");
  if (raw.Version !== "1") return fail('Version must be "1".');
  const rawStatements = Array.isArray(raw.Statement) ? raw.Statement : isObject(raw.Statement) ? [raw.Statement] : undefined;
  if (!rawStatements || rawStatements.length === 0) return fail("Statement must be a non-empty list.");
  return { version: "1", statements: rawStatements.map((s, i) => parseStatement(s, i, kind, fail)) };
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind, fail: (why: string) => never): PolicyStatement {
  const at = `Statement[${index}]`;
  if (!isObject(raw)) return fail(`${at} must be an object.`);
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") return fail(`${at}.Effect must be "Allow" or "Deny".`);
  const actions = stringList(raw.Action, `${at}.Action`, fail);
  const notActions = stringList(raw.NotAction, `${at}.NotAction`, fail);
  if ((actions === undefined) === (notActions === undefined)) return fail(`${at} must have exactly one of Action and NotAction.`);
  for (const a of actions ?? notActions ?? []) {
    // Alibaba actions are service:Action; Huawei's have more parts (servicestage:app:create).
    if (a !== "*" && !/^[A-Za-z0-9*?-]+(:[A-Za-z0-9*?_.-]+)+$/.test(a)) return fail(`${at}: action "${a}" must be "*" or "<service>:<action>".`);
  }
  const resources = stringList(raw.Resource, `${at}.Resource`, fail);
  const notResources = stringList(raw.NotResource, `${at}.NotResource`, fail);
  let principal: Record<string, string[]> | undefined;
  if (kind === "permission") {
    if ((resources === undefined) === (notResources === undefined)) return fail(`${at} must have exactly one of Resource and NotResource.`);
    if (raw.Principal !== undefined) return fail(`${at}: Principal belongs in trust policies only.`);
  } else {
    if (!isObject(raw.Principal)) return fail(`${at}.Principal must be an object such as {"RAM": ["acs:ram::<account>:root"]}.`);
    principal = {};
    for (const [k, v] of Object.entries(raw.Principal)) principal[k] = stringList(v, `${at}.Principal.${k}`, fail) ?? [];
  }
  return {
    effect: raw.Effect,
    ...(actions ? { actions } : { notActions: notActions! }),
    ...(resources ? { resources } : {}),
    ...(notResources ? { notResources } : {}),
    ...(principal ? { principal } : {}),
    conditions: parseConditions(raw.Condition, at, fail),
  };
}

function parseConditions(raw: unknown, at: string, fail: (why: string) => never): ConditionClause[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) return fail(`${at}.Condition must be an object.`);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) return fail(`${at}.Condition: unknown operator "${operator}".`);
    if (!isObject(block)) return fail(`${at}.Condition.${operator} must be an object of keys to values.`);
    for (const [key, value] of Object.entries(block)) {
      const values = (Array.isArray(value) ? value : [value]).map((v) =>
        typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : fail(`${at}.Condition.${operator}.${key}: values must be strings, numbers or booleans.`),
      );
      if (values.length === 0) return fail(`${at}.Condition.${operator}.${key} has no value.`);
      clauses.push({ operator: operator as ConditionOperator, key, values });
    }
  }
  return clauses;
}

function stringList(v: unknown, at: string, fail: (why: string) => never): string[] | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === "string" ? [v] : Array.isArray(v) ? v : undefined;
  if (!list || list.length === 0 || !list.every((x) => typeof x === "string" && x.length > 0)) {
    return fail(`${at} must be a non-empty string or list of non-empty strings.`);
  }
  return list as string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
