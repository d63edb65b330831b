/**
 * RAM identities of one account: users (who sign with their own access keys), groups of users,
 * and roles (assumed through STS by whom their trust policy names). Policies attach to all three.
 * Ids are 16-digit numeric strings like Alibaba's; names are unique within an account.
 */
export interface RamUser {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly displayName: string;
  readonly email?: string;
  readonly mobilePhone?: string;
  readonly comments?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RamGroup {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly comments?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RamRole {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly description?: string;
  /** The trust policy (AssumeRolePolicyDocument) as the caller wrote it; validated on write. */
  readonly trustPolicy: string;
  /** Longest STS session, seconds (3600..43200). */
  readonly maxSessionDuration: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type PolicyType = "System" | "Custom";

/** A custom policy; its documents live in versions (v1, v2, ...), one of them the default. */
export interface CustomPolicy {
  readonly accountId: string;
  readonly name: string;
  readonly description?: string;
  readonly defaultVersion: string;
  /** Number of the next version to create (versions are never renumbered). */
  readonly nextVersion: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PolicyVersion {
  readonly accountId: string;
  readonly policyName: string;
  readonly versionId: string;
  readonly document: string;
  readonly createdAt: Date;
}

export type AttachmentTarget = "User" | "Group" | "Role";

export interface PolicyAttachment {
  readonly accountId: string;
  readonly policyType: PolicyType;
  readonly policyName: string;
  readonly targetType: AttachmentTarget;
  /** The user's, group's or role's id (so a renamed user keeps its policies). */
  readonly targetId: string;
  readonly attachedAt: Date;
}

/** STS temporary credentials of one assumed-role session. */
export interface StsCredential {
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly roleId: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly secret: string;
  readonly securityToken: string;
  /** Optional session policy (further limits the role's policies). */
  readonly sessionPolicy?: string;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/**
 * A RAM user's login profile: its password, kept only as a salted hash (password-hash.ts), and
 * what the next console login must do. A user without one cannot log in with a password.
 */
export interface LoginProfile {
  readonly accountId: string;
  readonly userId: string;
  readonly passwordHash: string;
  readonly passwordResetRequired: boolean;
  readonly mfaBindRequired: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Keyset page: items ordered by name, `marker` is the last name when more follow. */
export interface NamePage<T> {
  readonly items: T[];
  readonly marker?: string;
}
