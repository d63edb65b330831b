/**
 * Tables of the access-control slice (migration 20261203-0005-iam). Times are epoch
 * milliseconds; STS secrets and tokens are sealed by the store's Cipher.
 */
export interface IamUsersTable {
  id: string;
  account_id: string;
  name: string;
  display_name: string;
  email: string | null;
  mobile_phone: string | null;
  comments: string | null;
  created_at: number;
  updated_at: number;
}

export interface IamGroupsTable {
  id: string;
  account_id: string;
  name: string;
  comments: string | null;
  created_at: number;
  updated_at: number;
}

export interface IamGroupMembersTable {
  group_id: string;
  user_id: string;
  account_id: string;
  joined_at: number;
}

export interface IamRolesTable {
  id: string;
  account_id: string;
  name: string;
  description: string | null;
  trust_policy: string;
  max_session_duration: number;
  created_at: number;
  updated_at: number;
}

export interface IamPoliciesTable {
  account_id: string;
  name: string;
  description: string | null;
  default_version: string;
  next_version: number;
  created_at: number;
  updated_at: number;
}

export interface IamPolicyVersionsTable {
  account_id: string;
  policy_name: string;
  version_id: string;
  document: string;
  created_at: number;
}

export interface IamPolicyAttachmentsTable {
  account_id: string;
  /** "System" | "Custom" */
  policy_type: string;
  policy_name: string;
  /** "User" | "Group" | "Role" */
  target_type: string;
  target_id: string;
  attached_at: number;
}

export interface IamStsCredentialsTable {
  access_key_id: string;
  account_id: string;
  role_id: string;
  role_name: string;
  session_name: string;
  secret_sealed: string;
  token_sealed: string;
  session_policy: string | null;
  expires_at: number;
  created_at: number;
}

/** A RAM user's login profile (migration 20261203-0012): the password only as a salted hash. */
export interface IamLoginProfilesTable {
  user_id: string;
  account_id: string;
  /** "scrypt$N$r$p$salt$hash" (password-hash.ts); never the password. */
  password_hash: string;
  /** booleans 0/1 */
  password_reset_required: number;
  mfa_bind_required: number;
  created_at: number;
  updated_at: number;
}

export interface IamTables {
  iam_users: IamUsersTable;
  iam_groups: IamGroupsTable;
  iam_group_members: IamGroupMembersTable;
  iam_roles: IamRolesTable;
  iam_policies: IamPoliciesTable;
  iam_policy_versions: IamPolicyVersionsTable;
  iam_policy_attachments: IamPolicyAttachmentsTable;
  iam_sts_credentials: IamStsCredentialsTable;
  iam_login_profiles: IamLoginProfilesTable;
}
