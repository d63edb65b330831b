import type { Kysely, Selectable } from "kysely";
import { IAM_ERRORS } from "../../core/iam/iam-errors.ts";
import type { LoginProfile } from "../../core/iam/identities.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { IamLoginProfilesTable } from "./iam-tables.ts";
import type { DB } from "./schema.ts";

/** Login profiles (iam_login_profiles): one per user, scoped by account in every query. */
export class SqlLoginProfileStore {
  constructor(private readonly db: Kysely<DB>) {}

  async create(p: LoginProfile): Promise<void> {
    const result = await this.db.insertInto("iam_login_profiles").values(row(p)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      throw new DomainError("AlreadyExists", IAM_ERRORS.LOGIN_PROFILE_ALREADY_EXISTS, "The user already has a login profile.", { parameter: "UserName" });
    }
  }

  async get(accountId: string, userId: string): Promise<LoginProfile | undefined> {
    const r = await this.db.selectFrom("iam_login_profiles").selectAll().where("account_id", "=", accountId).where("user_id", "=", userId).executeTakeFirst();
    return r && toProfile(r);
  }

  async update(p: LoginProfile): Promise<boolean> {
    const { user_id: _u, account_id: _a, created_at: _c, ...changes } = row(p);
    const result = await this.db
      .updateTable("iam_login_profiles")
      .set(changes)
      .where("account_id", "=", p.accountId)
      .where("user_id", "=", p.userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(accountId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("iam_login_profiles").where("account_id", "=", accountId).where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function row(p: LoginProfile): IamLoginProfilesTable {
  return {
    user_id: p.userId,
    account_id: p.accountId,
    password_hash: p.passwordHash,
    password_reset_required: p.passwordResetRequired ? 1 : 0,
    mfa_bind_required: p.mfaBindRequired ? 1 : 0,
    created_at: p.createdAt.getTime(),
    updated_at: p.updatedAt.getTime(),
  };
}

function toProfile(r: Selectable<IamLoginProfilesTable>): LoginProfile {
  return {
    accountId: r.account_id,
    userId: r.user_id,
    passwordHash: r.password_hash,
    passwordResetRequired: Number(r.password_reset_required) === 1,
    mfaBindRequired: Number(r.mfa_bind_required) === 1,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}
