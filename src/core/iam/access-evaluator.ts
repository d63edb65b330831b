import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import type { IamRepository } from "./iam-repository.ts";
import type { PolicyAttachment } from "./identities.ts";
import { conditionContext } from "./policy-conditions.ts";
import { parsePolicyDocument, type PolicyDocument } from "./policy-document.ts";
import { evaluatePolicies, type Decision } from "./policy-evaluator.ts";
import { SYSTEM_POLICIES } from "./system-policies.ts";

export interface AccessRequest {
  readonly caller: Principal;
  readonly action: string;
  readonly resource: string;
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  /** Tags of the resource acted on (acs:ResourceTag/<key>), when the face knows them. */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** Tags the request sets (acs:RequestTag/<key>). */
  readonly requestTags?: Readonly<Record<string, string>>;
}

export interface AccessDecision {
  readonly decision: Decision;
  /** Which kind of policy decided a denial (AccessDeniedDetail.PolicyType). */
  readonly policyType: "AccountLevelIdentityBasedPolicy" | "SessionPolicy";
}

/**
 * Decides a request by RAM's rules. An account's root may do everything in its account. A user
 * is judged by the policies attached to it and to its groups; an assumed-role session by its
 * role's policies and, when the session was given one, its session policy as well (both must
 * allow). Policies are read per request, so a detach takes effect on the next call.
 */
export class AccessEvaluator {
  private readonly parsed = new Map<string, PolicyDocument>();

  constructor(
    private readonly repo: IamRepository,
    private readonly clock: Clock,
  ) {}

  async decide(request: AccessRequest): Promise<AccessDecision> {
    const identity = "AccountLevelIdentityBasedPolicy" as const;
    const { caller } = request;
    if (caller.type === "Root") return { decision: "Allow", policyType: identity };
    const evaluation = {
      action: request.action,
      resource: request.resource,
      context: conditionContext({
        "acs:SourceIp": request.sourceIp,
        "acs:CurrentTime": this.clock.now().toISOString(),
        "acs:SecureTransport": String(request.secureTransport),
        "acs:MFAPresent": "false",
        ...prefixed("acs:ResourceTag/", request.resourceTags),
        ...prefixed("acs:RequestTag/", request.requestTags),
      }),
    };
    const attachments = await this.attachmentsOf(caller);
    const decision = evaluatePolicies(await this.documents(caller.accountId, attachments), evaluation);
    if (decision !== "Allow" || caller.type !== "AssumedRoleUser") return { decision, policyType: identity };

    const session = await this.repo.getStsCredential(caller.accessKeyId);
    if (!session?.sessionPolicy) return { decision, policyType: identity };
    return { decision: evaluatePolicies([this.parse(session.sessionPolicy)], evaluation), policyType: "SessionPolicy" };
  }

  private async attachmentsOf(caller: Principal): Promise<PolicyAttachment[]> {
    const id = caller.principalId;
    if (!id) return [];
    if (caller.type === "AssumedRoleUser") return this.repo.attachmentsOf(caller.accountId, "Role", [id]);
    const groups = await this.repo.groupsOfUser(caller.accountId, id);
    const [own, viaGroups] = await Promise.all([
      this.repo.attachmentsOf(caller.accountId, "User", [id]),
      this.repo.attachmentsOf(caller.accountId, "Group", groups.map((g) => g.group.id)),
    ]);
    return [...own, ...viaGroups];
  }

  private async documents(accountId: string, attachments: PolicyAttachment[]): Promise<PolicyDocument[]> {
    const docs: PolicyDocument[] = [];
    for (const a of attachments) {
      if (a.policyType === "System") {
        const system = SYSTEM_POLICIES.get(a.policyName);
        if (system) docs.push(system.parsed);
        continue;
      }
      const policy = await this.repo.getPolicy(accountId, a.policyName);
      const version = policy && (await this.repo.getPolicyVersion(accountId, policy.name, policy.defaultVersion));
      if (version) docs.push(this.parse(version.document));
    }
    return docs;
  }

  /** Stored documents were validated on write; parsed forms are kept by text, bounded. */
  private parse(text: string): PolicyDocument {
    let doc = this.parsed.get(text);
    if (!doc) {
      doc = parsePolicyDocument(text);
      if (this.parsed.size >= 1000) this.parsed.clear();
      this.parsed.set(text, doc);
    }
    return doc;
  }
}

function prefixed(prefix: string, tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[prefix + k] = v;
  return out;
}
