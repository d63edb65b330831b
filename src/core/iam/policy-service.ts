import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError, notFound } from "../shared/domain-error.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import type { IamRepository } from "./iam-repository.ts";
import { invalid, validateName, validateText } from "./iam-rules.ts";
import type { AttachmentTarget, CustomPolicy, PolicyAttachment, PolicyType, PolicyVersion, RamGroup, RamRole, RamUser } from "./identities.ts";
import { parsePolicyDocument } from "./policy-document.ts";
import { SYSTEM_POLICIES, SYSTEM_POLICY_DATE } from "./system-policies.ts";

/** A policy as RAM shows it, system or custom. */
export interface PolicyView {
  readonly name: string;
  readonly type: PolicyType;
  readonly description: string;
  readonly defaultVersion: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PolicyEntities {
  readonly users: { entity: RamUser; attachedAt: Date }[];
  readonly groups: { entity: RamGroup; attachedAt: Date }[];
  readonly roles: { entity: RamRole; attachedAt: Date }[];
}

export interface PolicyTarget {
  readonly type: AttachmentTarget;
  readonly id: string;
}

/** RAM keeps at most five versions of a custom policy. */
export const MAX_POLICY_VERSIONS = 5;

/** Custom policies with versions, the shipped system policies, and attachments to users, groups and roles. */
export class PolicyService {
  constructor(
    private readonly repo: IamRepository,
    private readonly clock: Clock,
  ) {}

  async createPolicy(caller: Principal, name: string, document: string, description?: string): Promise<{ policy: PolicyView; version: PolicyVersion }> {
    const now = this.clock.now();
    const policyName = validateName("PolicyName", name);
    parsePolicyDocument(document);
    const policy: CustomPolicy = {
      accountId: caller.accountId,
      name: policyName,
      ...optional(validateText("Description", description, 1024)),
      defaultVersion: "v1",
      nextVersion: 2,
      createdAt: now,
      updatedAt: now,
    };
    const version: PolicyVersion = { accountId: caller.accountId, policyName, versionId: "v1", document, createdAt: now };
    await this.repo.createPolicy(policy, version);
    return { policy: customView(policy), version };
  }

  async getPolicy(caller: Principal, name: string, type: string | undefined): Promise<{ policy: PolicyView; version: PolicyVersion; attachmentCount: number }> {
    const policyType = validateType(type);
    const policy = await this.requirePolicy(caller.accountId, name, policyType);
    const version = await this.getPolicyVersion(caller, name, policyType, policy.defaultVersion);
    const attachmentCount = (await this.repo.attachmentsOfPolicy(caller.accountId, policyType, name)).length;
    return { policy, version, attachmentCount };
  }

  /** System policies first, then the account's custom ones, each by name. */
  async listPolicies(caller: Principal, type: string | undefined): Promise<PolicyView[]> {
    const wanted = type === undefined || type === "" ? undefined : validateType(type);
    const system = wanted === "Custom" ? [] : [...SYSTEM_POLICIES.values()].map(systemView).sort((a, b) => (a.name < b.name ? -1 : 1));
    const custom = wanted === "System" ? [] : (await this.repo.listPolicies(caller.accountId)).map(customView);
    return [...system, ...custom];
  }

  async attachmentCount(caller: Principal, view: PolicyView): Promise<number> {
    return (await this.repo.attachmentsOfPolicy(caller.accountId, view.type, view.name)).length;
  }

  /** RAM refuses while attached or with more than one version, unless CascadingDelete. */
  async deletePolicy(caller: Principal, name: string, cascading = false): Promise<void> {
    const policy = await this.requireCustom(caller.accountId, name);
    const attachments = await this.repo.attachmentsOfPolicy(caller.accountId, "Custom", policy.name);
    if (cascading) {
      for (const a of attachments) await this.repo.detach(caller.accountId, "Custom", policy.name, a.targetType, a.targetId);
    } else {
      const first = attachments[0];
      if (first) throw conflict(ATTACHED_CODES[first.targetType], `The policy ${name} is attached to a ${first.targetType.toLowerCase()}; detach it first.`);
      if ((await this.repo.listPolicyVersions(caller.accountId, policy.name)).length > 1) {
        throw conflict(IAM_ERRORS.POLICY_HAS_VERSIONS, `The policy ${name} has versions besides the default; delete them first.`);
      }
    }
    await this.repo.deletePolicy(caller.accountId, policy.name);
  }

  async createPolicyVersion(caller: Principal, name: string, document: string, setAsDefault = false, rotateStrategy = "None"): Promise<PolicyVersion> {
    if (rotateStrategy !== "None" && rotateStrategy !== "DeleteOldestNonDefaultVersionWhenLimitExceeded") {
      throw invalid("RotateStrategy", 'it must be "None" or "DeleteOldestNonDefaultVersionWhenLimitExceeded".');
    }
    parsePolicyDocument(document);
    const policy = await this.requireCustom(caller.accountId, name);
    const versions = await this.repo.listPolicyVersions(caller.accountId, policy.name);
    if (versions.length >= MAX_POLICY_VERSIONS) {
      const oldest = versions.find((v) => v.versionId !== policy.defaultVersion);
      if (rotateStrategy === "None" || !oldest) {
        throw conflict(IAM_ERRORS.POLICY_VERSION_LIMIT, `The policy ${name} already has ${MAX_POLICY_VERSIONS} versions; delete one first.`);
      }
      await this.repo.deletePolicyVersion(caller.accountId, policy.name, oldest.versionId);
    }
    const now = this.clock.now();
    const version: PolicyVersion = { accountId: caller.accountId, policyName: policy.name, versionId: `v${policy.nextVersion}`, document, createdAt: now };
    const updated: CustomPolicy = { ...policy, nextVersion: policy.nextVersion + 1, defaultVersion: setAsDefault ? version.versionId : policy.defaultVersion, updatedAt: now };
    await this.repo.addPolicyVersion(updated, version);
    return version;
  }

  async getPolicyVersion(caller: Principal, name: string, type: string | undefined, versionId: string): Promise<PolicyVersion> {
    const policyType = validateType(type);
    if (policyType === "System") {
      const system = SYSTEM_POLICIES.get(name);
      if (!system) throw policyNotFound(name);
      if (versionId !== system.defaultVersion) throw versionNotFound(name, versionId);
      return { accountId: caller.accountId, policyName: name, versionId, document: system.document, createdAt: SYSTEM_POLICY_DATE };
    }
    const version = await this.repo.getPolicyVersion(caller.accountId, validateName("PolicyName", name), versionId);
    if (!version) {
      await this.requireCustom(caller.accountId, name);
      throw versionNotFound(name, versionId);
    }
    return version;
  }

  async listPolicyVersions(caller: Principal, name: string, type: string | undefined): Promise<{ versions: PolicyVersion[]; defaultVersion: string }> {
    const policyType = validateType(type);
    if (policyType === "System") {
      const version = await this.getPolicyVersion(caller, name, "System", "v1");
      return { versions: [version], defaultVersion: "v1" };
    }
    const policy = await this.requireCustom(caller.accountId, name);
    return { versions: await this.repo.listPolicyVersions(caller.accountId, policy.name), defaultVersion: policy.defaultVersion };
  }

  async deletePolicyVersion(caller: Principal, name: string, versionId: string): Promise<void> {
    const policy = await this.requireCustom(caller.accountId, name);
    if (versionId === policy.defaultVersion) {
      throw conflict(IAM_ERRORS.POLICY_VERSION_IS_DEFAULT, `The version ${versionId} is the policy's default; make another the default first.`);
    }
    if (!(await this.repo.deletePolicyVersion(caller.accountId, policy.name, versionId))) throw versionNotFound(name, versionId);
  }

  async setDefaultPolicyVersion(caller: Principal, name: string, versionId: string): Promise<void> {
    const policy = await this.requireCustom(caller.accountId, name);
    if (!(await this.repo.getPolicyVersion(caller.accountId, policy.name, versionId))) throw versionNotFound(name, versionId);
    await this.repo.updatePolicy({ ...policy, defaultVersion: versionId, updatedAt: this.clock.now() });
  }

  async attach(caller: Principal, target: PolicyTarget, policyType: string | undefined, policyName: string): Promise<void> {
    const type = validateType(policyType);
    await this.requirePolicy(caller.accountId, policyName, type);
    const attachment: PolicyAttachment = { accountId: caller.accountId, policyType: type, policyName, targetType: target.type, targetId: target.id, attachedAt: this.clock.now() };
    if (!(await this.repo.attach(attachment))) {
      throw new DomainError("AlreadyExists", ALREADY_ATTACHED[target.type], `The policy ${policyName} is already attached.`);
    }
  }

  async detach(caller: Principal, target: PolicyTarget, policyType: string | undefined, policyName: string): Promise<void> {
    const type = validateType(policyType);
    await this.requirePolicy(caller.accountId, policyName, type);
    if (!(await this.repo.detach(caller.accountId, type, policyName, target.type, target.id))) {
      throw notFound(NOT_ATTACHED[target.type], `The policy ${policyName} is not attached.`);
    }
  }

  /** The target's attachments with each policy's description and default version. */
  async policiesFor(caller: Principal, target: PolicyTarget): Promise<{ policy: PolicyView; attachedAt: Date }[]> {
    const attachments = await this.repo.attachmentsOf(caller.accountId, target.type, [target.id]);
    const out: { policy: PolicyView; attachedAt: Date }[] = [];
    for (const a of attachments) {
      const policy = await this.findPolicy(caller.accountId, a.policyName, a.policyType);
      if (policy) out.push({ policy, attachedAt: a.attachedAt });
    }
    return out;
  }

  /** Who the policy is attached to: users, groups and roles, each with the attachment date. */
  async entitiesFor(caller: Principal, name: string, type: string | undefined): Promise<PolicyEntities> {
    const policyType = validateType(type);
    await this.requirePolicy(caller.accountId, name, policyType);
    const attachments = await this.repo.attachmentsOfPolicy(caller.accountId, policyType, name);
    const when = (t: AttachmentTarget) => new Map(attachments.filter((a) => a.targetType === t).map((a) => [a.targetId, a.attachedAt]));
    const [userDates, groupDates, roleDates] = [when("User"), when("Group"), when("Role")];
    const users: PolicyEntities["users"] = [];
    for (const [id, attachedAt] of userDates) {
      const user = await this.repo.getUser(caller.accountId, { id });
      if (user) users.push({ entity: user, attachedAt });
    }
    const all = { limit: 1000 };
    const groups = groupDates.size === 0 ? [] : (await this.repo.listGroups(caller.accountId, all)).items.filter((g) => groupDates.has(g.id));
    const roles = roleDates.size === 0 ? [] : (await this.repo.listRoles(caller.accountId, all)).items.filter((r) => roleDates.has(r.id));
    return {
      users,
      groups: groups.map((g) => ({ entity: g, attachedAt: groupDates.get(g.id)! })),
      roles: roles.map((r) => ({ entity: r, attachedAt: roleDates.get(r.id)! })),
    };
  }

  private async requirePolicy(accountId: string, name: string, type: PolicyType): Promise<PolicyView> {
    const found = await this.findPolicy(accountId, validateName("PolicyName", name), type);
    if (!found) throw policyNotFound(name);
    return found;
  }

  private async findPolicy(accountId: string, name: string, type: PolicyType): Promise<PolicyView | undefined> {
    if (type === "System") {
      const system = SYSTEM_POLICIES.get(name);
      return system && systemView(system);
    }
    const custom = await this.repo.getPolicy(accountId, name);
    return custom && customView(custom);
  }

  private async requireCustom(accountId: string, name: string): Promise<CustomPolicy> {
    const policy = await this.repo.getPolicy(accountId, validateName("PolicyName", name));
    if (policy) return policy;
    if (SYSTEM_POLICIES.has(name)) throw new DomainError("PermissionDenied", IAM_ERRORS.SYSTEM_POLICY_READ_ONLY, `The system policy ${name} cannot be changed.`);
    throw policyNotFound(name);
  }
}

const ATTACHED_CODES: Record<AttachmentTarget, string> = {
  User: IAM_ERRORS.POLICY_ATTACHED_TO_USER,
  Group: IAM_ERRORS.POLICY_ATTACHED_TO_GROUP,
  Role: IAM_ERRORS.POLICY_ATTACHED_TO_ROLE,
};
const ALREADY_ATTACHED: Record<AttachmentTarget, string> = {
  User: IAM_ERRORS.POLICY_ALREADY_ATTACHED_USER,
  Group: IAM_ERRORS.POLICY_ALREADY_ATTACHED_GROUP,
  Role: IAM_ERRORS.POLICY_ALREADY_ATTACHED_ROLE,
};
const NOT_ATTACHED: Record<AttachmentTarget, string> = {
  User: IAM_ERRORS.POLICY_NOT_ATTACHED_USER,
  Group: IAM_ERRORS.POLICY_NOT_ATTACHED_GROUP,
  Role: IAM_ERRORS.POLICY_NOT_ATTACHED_ROLE,
};

function validateType(type: string | undefined): PolicyType {
  if (type !== "System" && type !== "Custom") throw invalid("PolicyType", 'it must be "System" or "Custom".');
  return type;
}

const conflict = (code: string, message: string) => new DomainError("Conflict", code, message);
const policyNotFound = (name: string) => notFound(IAM_ERRORS.POLICY_NOT_FOUND, `The policy ${name} does not exist.`, { parameter: "PolicyName" });
const versionNotFound = (name: string, versionId: string) =>
  notFound(IAM_ERRORS.POLICY_VERSION_NOT_FOUND, `The version ${versionId} of the policy ${name} does not exist.`, { parameter: "VersionId" });
const optional = (description: string | undefined): { description?: string } => (description === undefined ? {} : { description });

const systemView = (p: { name: string; description: string; defaultVersion: string }): PolicyView => ({
  name: p.name,
  type: "System",
  description: p.description,
  defaultVersion: p.defaultVersion,
  createdAt: SYSTEM_POLICY_DATE,
  updatedAt: SYSTEM_POLICY_DATE,
});

const customView = (p: CustomPolicy): PolicyView => ({
  name: p.name,
  type: "Custom",
  description: p.description ?? "",
  defaultVersion: p.defaultVersion,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});
