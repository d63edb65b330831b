import type { Kysely, Selectable } from "kysely";
import type { AccessKey, AccessKeyStatus, Account, AccountRepository } from "../../core/accounts/account.ts";
import { ACCOUNT_ERRORS } from "../../core/accounts/account-errors.ts";
import type { Cipher } from "../../core/shared/cipher.ts";
import { DomainError, notFound } from "../../core/shared/domain-error.ts";
import type { AccessKeysTable, AccountsTable } from "./account-tables.ts";
import type { DB } from "./schema.ts";

/**
 * AccountRepository over one Kysely handle (SQLite or PostgreSQL). Secrets are sealed with the
 * Cipher before they reach the database and opened on the way out; `open` failing (wrong master
 * key, tampering) propagates as the cipher's error.
 *
 * Inserts use ON CONFLICT DO NOTHING and count the rows written, so a duplicate is found without
 * parsing driver error codes and without aborting an enclosing PostgreSQL transaction.
 */
export class SqlAccountRepository implements AccountRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: Cipher,
  ) {}

  async createAccount(account: Account): Promise<void> {
    const result = await this.db
      .insertInto("accounts")
      .values({
        id: account.id,
        name: account.name,
        is_operator: account.isOperator ? 1 : 0,
        created_at: account.createdAt.getTime(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return;

    if (await this.getAccount(account.id)) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.ACCOUNT_ALREADY_EXISTS, `Account ${account.id} already exists.`, {
        accountId: account.id,
      });
    }
    if (account.isOperator && (await this.findOperatorRow())) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.OPERATOR_ALREADY_EXISTS, "The operator account already exists.");
    }
    throw new DomainError(
      "AlreadyExists",
      ACCOUNT_ERRORS.ACCOUNT_NAME_ALREADY_EXISTS,
      `An account named ${account.name} already exists.`,
      { parameter: "Name" },
    );
  }

  async getAccount(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
    return row && toAccount(row);
  }

  async listAccounts(): Promise<Account[]> {
    const rows = await this.db.selectFrom("accounts").selectAll().orderBy("created_at").orderBy("id").execute();
    return rows.map(toAccount);
  }

  async countAccounts(): Promise<number> {
    const row = await this.db
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createAccessKey(key: AccessKey): Promise<void> {
    let written: number;
    try {
      const result = await this.db
        .insertInto("access_keys")
        .values({
          id: key.id,
          account_id: key.accountId,
          user_id: key.userId ?? null,
          secret_sealed: this.cipher.seal(key.secret),
          status: key.status,
          created_at: key.createdAt.getTime(),
          last_used_at: key.lastUsedAt ? key.lastUsedAt.getTime() : null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      written = Number(result.numInsertedOrUpdatedRows ?? 0n);
    } catch (e) {
      // The only other constraint is the account foreign key.
      if (!(await this.getAccount(key.accountId))) {
        throw notFound(ACCOUNT_ERRORS.ACCOUNT_NOT_FOUND, `Account ${key.accountId} does not exist.`, {
          accountId: key.accountId,
        });
      }
      throw e;
    }
    if (written !== 1) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.ACCESS_KEY_ALREADY_EXISTS, `Access key ${key.id} already exists.`, {
        accessKeyId: key.id,
      });
    }
  }

  async getAccessKey(id: string): Promise<AccessKey | undefined> {
    const row = await this.db.selectFrom("access_keys").selectAll().where("id", "=", id).executeTakeFirst();
    return row && this.toAccessKey(row);
  }

  async listAccessKeys(accountId: string, userId?: string): Promise<AccessKey[]> {
    const rows = await this.db
      .selectFrom("access_keys")
      .selectAll()
      .where("account_id", "=", accountId)
      .where((eb) => (userId === undefined ? eb("user_id", "is", null) : eb("user_id", "=", userId)))
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((row) => this.toAccessKey(row));
  }

  async setAccessKeyStatus(id: string, status: AccessKeyStatus): Promise<boolean> {
    const result = await this.db.updateTable("access_keys").set({ status }).where("id", "=", id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteAccessKey(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("access_keys").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private findOperatorRow() {
    return this.db.selectFrom("accounts").select("id").where("is_operator", "=", 1).executeTakeFirst();
  }

  private toAccessKey(row: Selectable<AccessKeysTable>): AccessKey {
    return {
      id: row.id,
      accountId: row.account_id,
      ...(row.user_id === null ? {} : { userId: row.user_id }),
      secret: this.cipher.open(row.secret_sealed),
      status: row.status === "Active" ? "Active" : "Inactive",
      createdAt: new Date(Number(row.created_at)),
      ...(row.last_used_at === null ? {} : { lastUsedAt: new Date(Number(row.last_used_at)) }),
    };
  }
}

function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    name: row.name,
    isOperator: Number(row.is_operator) === 1,
    createdAt: new Date(Number(row.created_at)),
  };
}
