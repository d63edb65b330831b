import type { Kysely, Selectable } from "kysely";
import { IAM_ERRORS } from "../../core/iam/iam-errors.ts";
import type { IamRepository } from "../../core/iam/iam-repository.ts";
import type {
  AttachmentTarget,
  CustomPolicy,
  LoginProfile,
  PolicyAttachment,
  PolicyType,
  PolicyVersion,
  StsCredential,
} from "../../core/iam/identities.ts";
import type { Cipher } from "../../core/shared/cipher.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import { SqlIamIdentityStore } from "./iam-identity-store.ts";
import { SqlLoginProfileStore } from "./iam-login-profile-store.ts";
import type { IamPoliciesTable, IamPolicyAttachmentsTable, IamPolicyVersionsTable, IamStsCredentialsTable } from "./iam-tables.ts";
import type { DB } from "./schema.ts";

/**
 * IamRepository on SQLite or PostgreSQL: identities (SqlIamIdentityStore) plus custom policies,
 * their versions, attachments and STS credentials, whose secret and token are sealed.
 */
export class SqlIamRepository extends SqlIamIdentityStore implements IamRepository {
  private readonly loginProfiles: SqlLoginProfileStore;

  constructor(
    db: Kysely<DB>,
    private readonly cipher: Cipher,
  ) {
    super(db);
    this.loginProfiles = new SqlLoginProfileStore(db);
  }

  createLoginProfile(profile: LoginProfile): Promise<void> {
    return this.loginProfiles.create(profile);
  }

  getLoginProfile(accountId: string, userId: string): Promise<LoginProfile | undefined> {
    return this.loginProfiles.get(accountId, userId);
  }

  updateLoginProfile(profile: LoginProfile): Promise<boolean> {
    return this.loginProfiles.update(profile);
  }

  deleteLoginProfile(accountId: string, userId: string): Promise<boolean> {
    return this.loginProfiles.delete(accountId, userId);
  }

  async createPolicy(policy: CustomPolicy, first: PolicyVersion): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.insertInto("iam_policies").values(policyRow(policy)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) {
        throw new DomainError("AlreadyExists", IAM_ERRORS.POLICY_ALREADY_EXISTS, `The policy ${policy.name} already exists.`, { parameter: "PolicyName" });
      }
      await trx.insertInto("iam_policy_versions").values(versionRow(first)).execute();
    });
  }

  async getPolicy(accountId: string, name: string): Promise<CustomPolicy | undefined> {
    const row = await this.db.selectFrom("iam_policies").selectAll().where("account_id", "=", accountId).where("name", "=", name).executeTakeFirst();
    return row && toPolicy(row);
  }

  async listPolicies(accountId: string): Promise<CustomPolicy[]> {
    const rows = await this.db.selectFrom("iam_policies").selectAll().where("account_id", "=", accountId).orderBy("name").execute();
    return rows.map(toPolicy);
  }

  async addPolicyVersion(policy: CustomPolicy, version: PolicyVersion): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("iam_policy_versions").values(versionRow(version)).execute();
      await trx
        .updateTable("iam_policies")
        .set({ default_version: policy.defaultVersion, next_version: policy.nextVersion, updated_at: policy.updatedAt.getTime() })
        .where("account_id", "=", policy.accountId)
        .where("name", "=", policy.name)
        .execute();
    });
  }

  async updatePolicy(policy: CustomPolicy): Promise<boolean> {
    const result = await this.db
      .updateTable("iam_policies")
      .set({
        description: policy.description ?? null,
        default_version: policy.defaultVersion,
        next_version: policy.nextVersion,
        updated_at: policy.updatedAt.getTime(),
      })
      .where("account_id", "=", policy.accountId)
      .where("name", "=", policy.name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deletePolicy(accountId: string, name: string): Promise<boolean> {
    // Versions go with the policy (foreign key cascade).
    const result = await this.db.deleteFrom("iam_policies").where("account_id", "=", accountId).where("name", "=", name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async getPolicyVersion(accountId: string, policyName: string, versionId: string): Promise<PolicyVersion | undefined> {
    const row = await this.db
      .selectFrom("iam_policy_versions")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("policy_name", "=", policyName)
      .where("version_id", "=", versionId)
      .executeTakeFirst();
    return row && toVersion(row);
  }

  async listPolicyVersions(accountId: string, policyName: string): Promise<PolicyVersion[]> {
    const rows = await this.db
      .selectFrom("iam_policy_versions")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("policy_name", "=", policyName)
      .orderBy("created_at")
      .orderBy("version_id")
      .execute();
    return rows.map(toVersion);
  }

  async deletePolicyVersion(accountId: string, policyName: string, versionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("iam_policy_versions")
      .where("account_id", "=", accountId)
      .where("policy_name", "=", policyName)
      .where("version_id", "=", versionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async attach(a: PolicyAttachment): Promise<boolean> {
    const result = await this.db
      .insertInto("iam_policy_attachments")
      .values({
        account_id: a.accountId,
        policy_type: a.policyType,
        policy_name: a.policyName,
        target_type: a.targetType,
        target_id: a.targetId,
        attached_at: a.attachedAt.getTime(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async detach(accountId: string, policyType: PolicyType, policyName: string, targetType: AttachmentTarget, targetId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("iam_policy_attachments")
      .where("account_id", "=", accountId)
      .where("policy_type", "=", policyType)
      .where("policy_name", "=", policyName)
      .where("target_type", "=", targetType)
      .where("target_id", "=", targetId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async attachmentsOf(accountId: string, targetType: AttachmentTarget, targetIds: readonly string[]): Promise<PolicyAttachment[]> {
    if (targetIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("iam_policy_attachments")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("target_type", "=", targetType)
      .where("target_id", "in", [...targetIds])
      .orderBy("attached_at")
      .orderBy("policy_name")
      .execute();
    return rows.map(toAttachment);
  }

  async attachmentsOfPolicy(accountId: string, policyType: PolicyType, policyName: string): Promise<PolicyAttachment[]> {
    const rows = await this.db
      .selectFrom("iam_policy_attachments")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("policy_type", "=", policyType)
      .where("policy_name", "=", policyName)
      .orderBy("attached_at")
      .execute();
    return rows.map(toAttachment);
  }

  async createStsCredential(c: StsCredential): Promise<void> {
    await this.db
      .insertInto("iam_sts_credentials")
      .values({
        access_key_id: c.accessKeyId,
        account_id: c.accountId,
        role_id: c.roleId,
        role_name: c.roleName,
        session_name: c.sessionName,
        secret_sealed: this.cipher.seal(c.secret),
        token_sealed: this.cipher.seal(c.securityToken),
        session_policy: c.sessionPolicy ?? null,
        expires_at: c.expiresAt.getTime(),
        created_at: c.createdAt.getTime(),
      })
      .execute();
  }

  async getStsCredential(accessKeyId: string): Promise<StsCredential | undefined> {
    const row = await this.db.selectFrom("iam_sts_credentials").selectAll().where("access_key_id", "=", accessKeyId).executeTakeFirst();
    return row && this.toCredential(row);
  }

  async deleteExpiredStsCredentials(before: Date): Promise<number> {
    const result = await this.db.deleteFrom("iam_sts_credentials").where("expires_at", "<", before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private toCredential(r: Selectable<IamStsCredentialsTable>): StsCredential {
    return {
      accessKeyId: r.access_key_id,
      accountId: r.account_id,
      roleId: r.role_id,
      roleName: r.role_name,
      sessionName: r.session_name,
      secret: this.cipher.open(r.secret_sealed),
      securityToken: this.cipher.open(r.token_sealed),
      ...(r.session_policy === null ? {} : { sessionPolicy: r.session_policy }),
      expiresAt: new Date(Number(r.expires_at)),
      createdAt: new Date(Number(r.created_at)),
    };
  }
}

function policyRow(p: CustomPolicy): IamPoliciesTable {
  return {
    account_id: p.accountId,
    name: p.name,
    description: p.description ?? null,
    default_version: p.defaultVersion,
    next_version: p.nextVersion,
    created_at: p.createdAt.getTime(),
    updated_at: p.updatedAt.getTime(),
  };
}

function toPolicy(r: Selectable<IamPoliciesTable>): CustomPolicy {
  return {
    accountId: r.account_id,
    name: r.name,
    ...(r.description === null ? {} : { description: r.description }),
    defaultVersion: r.default_version,
    nextVersion: Number(r.next_version),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

function versionRow(v: PolicyVersion): IamPolicyVersionsTable {
  return { account_id: v.accountId, policy_name: v.policyName, version_id: v.versionId, document: v.document, created_at: v.createdAt.getTime() };
}

function toVersion(r: Selectable<IamPolicyVersionsTable>): PolicyVersion {
  return { accountId: r.account_id, policyName: r.policy_name, versionId: r.version_id, document: r.document, createdAt: new Date(Number(r.created_at)) };
}

function toAttachment(r: Selectable<IamPolicyAttachmentsTable>): PolicyAttachment {
  return {
    accountId: r.account_id,
    policyType: r.policy_type === "System" ? "System" : "Custom",
    policyName: r.policy_name,
    targetType: r.target_type as AttachmentTarget,
    targetId: r.target_id,
    attachedAt: new Date(Number(r.attached_at)),
  };
}
