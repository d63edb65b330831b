import type { AccessEvaluator } from "../core/iam/access-evaluator.ts";
import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from "../faces/shared/ports.ts";

/**
 * Actions whose resource is named inside a parameter the face cannot turn into an ARN (STS
 * AssumeRole's RoleArn). The face lets them through here; the core checks the exact role ARN
 * itself (StsService), so the caller's policies are still applied, on the right resource.
 */
const CHECKED_BY_THE_CORE = new Set(["sts:assumerole"]);

/**
 * The Authorizer of every face, over RAM policies: an account's root may do everything in its
 * account; a user by the policies attached to it and its groups; an assumed-role session by its
 * role's (and session's) policies, system policies included. Explicit Deny wins, then Allow,
 * else the request is denied.
 */
export class PolicyAuthorizer implements Authorizer {
  constructor(private readonly access: AccessEvaluator) {}

  async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
    if (request.caller.type !== "Root" && CHECKED_BY_THE_CORE.has(request.action.toLowerCase())) return { allowed: true };
    const { decision, policyType } = await this.access.decide(request);
    if (decision === "Allow") return { allowed: true };
    return { allowed: false, explicit: decision === "ExplicitDeny", policyType };
  }
}
