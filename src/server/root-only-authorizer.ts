import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from "../faces/shared/ports.ts";

/**
 * The authorizer until RAM policies exist: an account's root may do everything in its account
 * (as on Alibaba Cloud, where the root account is never denied), and every other principal is
 * implicitly denied, since no policy can grant it anything yet. Which resources a root may
 * reach is still the core's rule (another account's resource does not exist for it).
 */
export class RootOnlyAuthorizer implements Authorizer {
  async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
    if (request.caller.type === "Root") return { allowed: true };
    return { allowed: false, explicit: false, policyType: "AccountLevelIdentityBasedPolicy" };
  }
}
