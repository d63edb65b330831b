// Field names and types from the official SDK models (@alicloud/ram20150501 2015-05-01):
// CreateUserResponseBodyUser, GetGroupResponseBodyGroup, GetRoleResponseBodyRole,
// GetPolicyResponseBodyPolicy, GetPolicyVersionResponseBodyPolicyVersion, ...
import type { RamGroup, RamRole, RamUser } from "../../../../core/iam/identities.ts";
import type { LoginProfileView } from "../../../../core/iam/login-profile-service.ts";
import type { PolicyView } from "../../../../core/iam/policy-service.ts";
import { roleArn } from "../../../../core/iam/role-service.ts";
import { IAM_ERRORS } from "../../../../core/iam/iam-errors.ts";
import { DomainError } from "../../../../core/shared/domain-error.ts";

export const RAM_PRODUCT = "Ram";
export const RAM_VERSION = "2015-05-01";

/** RAM writes times as ISO 8601 without fractions: 2015-01-23T12:33:18Z. */
export const ramDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export function userFields(u: RamUser) {
  return {
    UserId: u.id,
    UserName: u.name,
    DisplayName: u.displayName,
    Email: u.email ?? "",
    MobilePhone: u.mobilePhone ?? "",
    Comments: u.comments ?? "",
    CreateDate: ramDate(u.createdAt),
    UpdateDate: ramDate(u.updatedAt),
  };
}

/** LoginProfile of CreateLoginProfile / GetLoginProfile: never the password. */
export function loginProfileFields(p: LoginProfileView) {
  return { UserName: p.userName, PasswordResetRequired: p.passwordResetRequired, MFABindRequired: p.mfaBindRequired, CreateDate: ramDate(p.createdAt) };
}

export function groupFields(g: RamGroup) {
  return { GroupId: g.id, GroupName: g.name, Comments: g.comments ?? "", CreateDate: ramDate(g.createdAt), UpdateDate: ramDate(g.updatedAt) };
}

export function roleFields(r: RamRole) {
  return {
    RoleId: r.id,
    RoleName: r.name,
    Arn: roleArn(r),
    Description: r.description ?? "",
    AssumeRolePolicyDocument: r.trustPolicy,
    MaxSessionDuration: r.maxSessionDuration,
    CreateDate: ramDate(r.createdAt),
    UpdateDate: ramDate(r.updatedAt),
  };
}

export function policyFields(p: PolicyView) {
  return {
    PolicyName: p.name,
    PolicyType: p.type,
    Description: p.description,
    DefaultVersion: p.defaultVersion,
    CreateDate: ramDate(p.createdAt),
    UpdateDate: ramDate(p.updatedAt),
  };
}

export function versionFields(v: { versionId: string; document: string; createdAt: Date }, defaultVersion: string) {
  return { VersionId: v.versionId, IsDefaultVersion: v.versionId === defaultVersion, PolicyDocument: v.document, CreateDate: ramDate(v.createdAt) };
}

/** RAM's list envelope: IsTruncated, and Marker only when another page follows. */
export function truncation(marker: string | undefined) {
  return marker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: marker };
}

/**
 * A page of a short list held in memory (policies: the shipped system ones plus an account's
 * custom ones). The marker is the position after the page, base64, as RAM's markers are opaque.
 */
export function pageInMemory<T>(all: T[], marker: string | undefined, maxItems: number | undefined): { items: T[]; marker?: string } {
  const start = marker ? Number(Buffer.from(marker, "base64").toString("utf8")) : 0;
  const size = maxItems ?? 100;
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(size) || size < 1 || size > 1000) {
    throw new DomainError("InvalidArgument", IAM_ERRORS.PARAMETER_INVALID, "The parameter Marker or MaxItems is not valid.", { parameter: marker ? "Marker" : "MaxItems" });
  }
  const items = all.slice(start, start + size);
  return start + size < all.length ? { items, marker: Buffer.from(String(start + size), "utf8").toString("base64") } : { items };
}
