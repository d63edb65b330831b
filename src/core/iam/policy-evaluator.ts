import { clauseHolds, type ConditionContext } from "./policy-conditions.ts";
import type { PolicyDocument, PolicyStatement } from "./policy-document.ts";
import { actionMatches, resourceMatches } from "./wildcard.ts";

export interface EvaluationRequest {
  /** e.g. "computenest:GetServiceInstance" (compared case-insensitively). */
  readonly action: string;
  /** Full ARN or "*" (compared case-sensitively). */
  readonly resource: string;
  readonly context: ConditionContext;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/**
 * RAM's evaluation: an explicit Deny in any matching statement wins, then any Allow, else the
 * request is implicitly denied.
 */
export function evaluatePolicies(documents: readonly PolicyDocument[], request: EvaluationRequest): Decision {
  let allowed = false;
  for (const doc of documents) {
    for (const statement of doc.statements) {
      if (!statementApplies(statement, request)) continue;
      if (statement.effect === "Deny") return "ExplicitDeny";
      allowed = true;
    }
  }
  return allowed ? "Allow" : "ImplicitDeny";
}

export function statementApplies(s: PolicyStatement, request: EvaluationRequest): boolean {
  const actionHit = s.actions
    ? s.actions.some((p) => actionMatches(p, request.action))
    : !s.notActions!.some((p) => actionMatches(p, request.action));
  if (!actionHit) return false;
  if (s.resources && !s.resources.some((p) => resourceMatches(p, request.resource))) return false;
  if (s.notResources && s.notResources.some((p) => resourceMatches(p, request.resource))) return false;
  return s.conditions.every((c) => clauseHolds(c.operator, c.key, c.values, request.context));
}
