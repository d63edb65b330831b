import type {
  AttachmentTarget,
  CustomPolicy,
  LoginProfile,
  NamePage,
  PolicyAttachment,
  PolicyType,
  PolicyVersion,
  RamGroup,
  RamRole,
  RamUser,
  StsCredential,
} from "./identities.ts";

export interface ListRequest {
  /** Names after this one (exclusive); undefined from the start. */
  readonly after?: string;
  readonly limit: number;
}

/**
 * Storage of RAM identities and policies, scoped by account in every call so one account never
 * reaches another's rows. `create*` throw DomainError(AlreadyExists, IAM_*_ALREADY_EXISTS) on a
 * taken name; `update*`/`delete*` return false when nothing matched. Deletions of a user, group
 * or role also drop its memberships; deleting a policy drops its versions.
 */
export interface IamRepository {
  createUser(user: RamUser): Promise<void>;
  getUser(accountId: string, by: { name: string } | { id: string }): Promise<RamUser | undefined>;
  listUsers(accountId: string, page: ListRequest): Promise<NamePage<RamUser>>;
  /** Throws AlreadyExists when the new name is taken. */
  updateUser(user: RamUser): Promise<boolean>;
  deleteUser(accountId: string, id: string): Promise<boolean>;

  createGroup(group: RamGroup): Promise<void>;
  getGroup(accountId: string, name: string): Promise<RamGroup | undefined>;
  listGroups(accountId: string, page: ListRequest): Promise<NamePage<RamGroup>>;
  deleteGroup(accountId: string, id: string): Promise<boolean>;

  /** false when the user is already a member. */
  addMember(accountId: string, groupId: string, userId: string, at: Date): Promise<boolean>;
  removeMember(accountId: string, groupId: string, userId: string): Promise<boolean>;
  groupsOfUser(accountId: string, userId: string): Promise<{ group: RamGroup; joinedAt: Date }[]>;
  usersOfGroup(accountId: string, groupId: string, page: ListRequest): Promise<NamePage<{ user: RamUser; joinedAt: Date }>>;

  createRole(role: RamRole): Promise<void>;
  getRole(accountId: string, name: string): Promise<RamRole | undefined>;
  listRoles(accountId: string, page: ListRequest): Promise<NamePage<RamRole>>;
  updateRole(role: RamRole): Promise<boolean>;
  deleteRole(accountId: string, id: string): Promise<boolean>;

  /** The policy and its first version together. */
  createPolicy(policy: CustomPolicy, first: PolicyVersion): Promise<void>;
  getPolicy(accountId: string, name: string): Promise<CustomPolicy | undefined>;
  listPolicies(accountId: string): Promise<CustomPolicy[]>;
  /** Adds a version and writes the policy's new defaultVersion/nextVersion in one transaction. */
  addPolicyVersion(policy: CustomPolicy, version: PolicyVersion): Promise<void>;
  updatePolicy(policy: CustomPolicy): Promise<boolean>;
  deletePolicy(accountId: string, name: string): Promise<boolean>;
  getPolicyVersion(accountId: string, policyName: string, versionId: string): Promise<PolicyVersion | undefined>;
  listPolicyVersions(accountId: string, policyName: string): Promise<PolicyVersion[]>;
  deletePolicyVersion(accountId: string, policyName: string, versionId: string): Promise<boolean>;

  /** false when already attached. */
  attach(attachment: PolicyAttachment): Promise<boolean>;
  detach(accountId: string, policyType: PolicyType, policyName: string, targetType: AttachmentTarget, targetId: string): Promise<boolean>;
  attachmentsOf(accountId: string, targetType: AttachmentTarget, targetIds: readonly string[]): Promise<PolicyAttachment[]>;
  attachmentsOfPolicy(accountId: string, policyType: PolicyType, policyName: string): Promise<PolicyAttachment[]>;

  /** Throws AlreadyExists (IAM_LOGIN_PROFILE_ALREADY_EXISTS) when the user has one. */
  createLoginProfile(profile: LoginProfile): Promise<void>;
  getLoginProfile(accountId: string, userId: string): Promise<LoginProfile | undefined>;
  updateLoginProfile(profile: LoginProfile): Promise<boolean>;
  deleteLoginProfile(accountId: string, userId: string): Promise<boolean>;

  createStsCredential(credential: StsCredential): Promise<void>;
  getStsCredential(accessKeyId: string): Promise<StsCredential | undefined>;
  /** Removes credentials that expired before `before`; returns how many. */
  deleteExpiredStsCredentials(before: Date): Promise<number>;
}
