import { randomBytes } from "node:crypto";
import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import { newAccessKeySecret, randomAlphanumeric } from "../shared/ids.ts";
import type { AccessEvaluator } from "./access-evaluator.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import type { IamRepository } from "./iam-repository.ts";
import { DEFAULT_STS_DURATION, MIN_STS_DURATION, validateName } from "./iam-rules.ts";
import type { RamRole, StsCredential } from "./identities.ts";
import { conditionContext } from "./policy-conditions.ts";
import { parsePolicyDocument, type PolicyStatement } from "./policy-document.ts";
import { statementApplies } from "./policy-evaluator.ts";
import type { RoleService } from "./role-service.ts";
import { roleArn } from "./role-service.ts";
import type { UserService } from "./user-service.ts";

export interface AssumeRoleInput {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds?: number;
  /** Session policy: the session may do only what both it and the role's policies allow. */
  readonly policy?: string;
  readonly sourceIp: string;
  readonly secureTransport: boolean;
}

export interface AssumedRole {
  readonly credential: StsCredential;
  readonly arn: string;
  readonly assumedRoleId: string;
}

/** Expired sessions are kept this long, so their keys answer "expired" rather than "unknown". */
const EXPIRED_KEPT_MS = 24 * 3600 * 1000;
const ROLE_ARN = /^acs:ram::(\d+):role\/([^/]+)$/i;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/**
 * STS AssumeRole: temporary credentials (key id, secret, SecurityToken, expiry) for a role whose
 * trust policy names the caller, when the caller's own policies allow sts:AssumeRole on the
 * role's ARN (roots are always allowed). Roles of another account are assumable when that
 * account's trust policy names the caller's account or identity.
 */
export class StsService {
  constructor(
    private readonly repo: IamRepository,
    private readonly roles: RoleService,
    private readonly users: UserService,
    private readonly access: AccessEvaluator,
    private readonly clock: Clock,
  ) {}

  async assumeRole(caller: Principal, input: AssumeRoleInput): Promise<AssumedRole> {
    const match = ROLE_ARN.exec(input.roleArn ?? "");
    if (!match) throw bad(IAM_ERRORS.ROLE_ARN_INVALID, "RoleArn", "it must look like acs:ram::<account id>:role/<role name>.");
    if (!SESSION_NAME.test(input.roleSessionName ?? "")) {
      throw bad(IAM_ERRORS.ROLE_SESSION_NAME_INVALID, "RoleSessionName", "it must be 2 to 64 letters, digits, '.', '@', '_' or '-'.");
    }
    if (input.policy !== undefined && input.policy !== "") parsePolicyDocument(input.policy, "permission", "Policy");
    // The caller's own right to assume comes first, so a caller without it learns nothing about
    // which roles exist; then the role, then its trust policy.
    const named = roleArn({ accountId: match[1]!, name: validateName("RoleName", match[2]) });
    const allowed = await this.access.decide({ caller, action: "sts:AssumeRole", resource: named, sourceIp: input.sourceIp, secureTransport: input.secureTransport });
    if (allowed.decision !== "Allow") throw assumeDenied();
    const role = await this.roles.requireRole(match[1]!, match[2]!);
    const arn = roleArn(role);
    if (!(await this.trusts(role, caller, input))) throw assumeDenied();
    const duration = input.durationSeconds ?? Math.min(DEFAULT_STS_DURATION, role.maxSessionDuration);
    if (!Number.isInteger(duration) || duration < MIN_STS_DURATION || duration > role.maxSessionDuration) {
      throw bad(IAM_ERRORS.DURATION_INVALID, "DurationSeconds", `it must be from ${MIN_STS_DURATION} to the role's MaxSessionDuration (${role.maxSessionDuration}).`);
    }

    const now = this.clock.now();
    const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + duration * 1000);
    const credential: StsCredential = {
      accessKeyId: `STS.${randomAlphanumeric(24)}`,
      accountId: role.accountId,
      roleId: role.id,
      roleName: role.name,
      sessionName: input.roleSessionName,
      secret: newAccessKeySecret() + randomAlphanumeric(14),
      securityToken: `CAIS${randomBytes(96).toString("base64")}`,
      ...(input.policy ? { sessionPolicy: input.policy } : {}),
      expiresAt,
      createdAt: now,
    };
    await this.repo.deleteExpiredStsCredentials(new Date(now.getTime() - EXPIRED_KEPT_MS));
    await this.repo.createStsCredential(credential);
    return { credential, arn: `${arn}/${credential.sessionName}`, assumedRoleId: `${role.id}:${credential.sessionName}` };
  }

  /** The session behind a temporary key id and the principal it names; undefined when unknown. */
  async resolve(accessKeyId: string): Promise<{ credential: StsCredential; principal: Principal } | undefined> {
    if (!accessKeyId.startsWith("STS.") || accessKeyId.length > 128) return undefined;
    const credential = await this.repo.getStsCredential(accessKeyId);
    if (!credential) return undefined;
    const principal: Principal = {
      accountId: credential.accountId,
      type: "AssumedRoleUser",
      principalId: credential.roleId,
      displayName: `${credential.roleName}:${credential.sessionName}`,
      accessKeyId,
      isOperator: false,
    };
    return { credential, principal };
  }

  /** The trust policy names the caller (its account root, its user, or its role) and no Deny applies. */
  private async trusts(role: RamRole, caller: Principal, input: AssumeRoleInput): Promise<boolean> {
    const trust = parsePolicyDocument(role.trustPolicy, "trust", "AssumeRolePolicyDocument");
    const names = await this.callerNames(caller);
    const request = {
      action: "sts:AssumeRole",
      resource: roleArn(role),
      context: conditionContext({
        "acs:SourceIp": input.sourceIp,
        "acs:CurrentTime": this.clock.now().toISOString(),
        "acs:SecureTransport": String(input.secureTransport),
        "acs:MFAPresent": "false",
      }),
    };
    let allowed = false;
    for (const s of trust.statements) {
      if (!names.some((n) => principalMatches(s, n)) || !statementApplies(s, request)) continue;
      if (s.effect === "Deny") return false;
      allowed = true;
    }
    return allowed;
  }

  private async callerNames(caller: Principal): Promise<string[]> {
    const names = [`acs:ram::${caller.accountId}:root`, caller.accountId];
    if (caller.type === "SubUser" && caller.principalId) {
      const user = await this.users.findUserById(caller.accountId, caller.principalId);
      if (user) names.push(`acs:ram::${caller.accountId}:user/${user.name}`);
    }
    if (caller.type === "AssumedRoleUser") {
      const session = await this.repo.getStsCredential(caller.accessKeyId);
      if (session) names.push(`acs:ram::${caller.accountId}:role/${session.roleName}`);
    }
    return names;
  }
}

function principalMatches(statement: PolicyStatement, name: string): boolean {
  const ram = statement.principal?.RAM ?? [];
  return ram.some((p) => p === "*" || p.toLowerCase() === name.toLowerCase());
}

const assumeDenied = () =>
  new DomainError("PermissionDenied", IAM_ERRORS.ASSUME_ROLE_DENIED, "You are not authorized to do this action. You should be authorized by RAM.");
const bad = (code: string, parameter: string, why: string) =>
  new DomainError("InvalidArgument", code, `The parameter ${parameter} is not valid: ${why}`, { parameter });
