import { DomainError, notFound } from "../shared/domain-error.ts";
import type { AccessKey, AccessKeyStatus, Account, AccountRepository } from "./account.ts";
import { ACCOUNT_ERRORS } from "./account-errors.ts";

/**
 * AccountRepository in process memory with the same contract as the SQL one (duplicates,
 * unique names, one operator, root-vs-user listing). For unit tests of code above the store;
 * nestbox itself always runs on SqlAccountRepository.
 */
export class InMemoryAccountRepository implements AccountRepository {
  private readonly accounts = new Map<string, Account>();
  private readonly keys = new Map<string, AccessKey>();

  async createAccount(account: Account): Promise<void> {
    if (this.accounts.has(account.id)) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.ACCOUNT_ALREADY_EXISTS, `Account ${account.id} already exists.`);
    }
    const all = [...this.accounts.values()];
    if (account.isOperator && all.some((a) => a.isOperator)) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.OPERATOR_ALREADY_EXISTS, "The operator account already exists.");
    }
    if (all.some((a) => a.name === account.name)) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.ACCOUNT_NAME_ALREADY_EXISTS, `An account named ${account.name} already exists.`);
    }
    this.accounts.set(account.id, { ...account });
  }

  async getAccount(id: string): Promise<Account | undefined> {
    return this.accounts.get(id);
  }

  async listAccounts(): Promise<Account[]> {
    return [...this.accounts.values()].sort(byCreation);
  }

  async countAccounts(): Promise<number> {
    return this.accounts.size;
  }

  async createAccessKey(key: AccessKey): Promise<void> {
    if (!this.accounts.has(key.accountId)) {
      throw notFound(ACCOUNT_ERRORS.ACCOUNT_NOT_FOUND, `Account ${key.accountId} does not exist.`);
    }
    if (this.keys.has(key.id)) {
      throw new DomainError("AlreadyExists", ACCOUNT_ERRORS.ACCESS_KEY_ALREADY_EXISTS, `Access key ${key.id} already exists.`);
    }
    this.keys.set(key.id, { ...key });
  }

  async getAccessKey(id: string): Promise<AccessKey | undefined> {
    return this.keys.get(id);
  }

  async listAccessKeys(accountId: string, userId?: string): Promise<AccessKey[]> {
    return [...this.keys.values()].filter((k) => k.accountId === accountId && k.userId === userId).sort(byCreation);
  }

  async setAccessKeyStatus(id: string, status: AccessKeyStatus): Promise<boolean> {
    const key = this.keys.get(id);
    if (!key) return false;
    this.keys.set(id, { ...key, status });
    return true;
  }

  async deleteAccessKey(id: string): Promise<boolean> {
    return this.keys.delete(id);
  }
}

const byCreation = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
