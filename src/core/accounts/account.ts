/**
 * Accounts own everything. A principal is an account's root or one of its users; an access key
 * names exactly one principal.
 */
export interface Account {
  /** Numeric string, 16 digits (see ids.ts). */
  readonly id: string;
  readonly name: string;
  /** The operator's account may create other accounts. */
  readonly isOperator: boolean;
  readonly createdAt: Date;
}

export type AccessKeyStatus = "Active" | "Inactive";

export interface AccessKey {
  readonly id: string;
  readonly accountId: string;
  /** undefined: the account's root; otherwise the RAM user's id. */
  readonly userId?: string;
  /** Plain text inside the process only; stored encrypted, never logged. */
  readonly secret: string;
  readonly status: AccessKeyStatus;
  readonly createdAt: Date;
  readonly lastUsedAt?: Date;
}

/** Who is calling, after authentication. */
export interface Principal {
  readonly accountId: string;
  readonly type: "Root" | "SubUser" | "AssumedRoleUser";
  /** RAM user id or role id; undefined for root. */
  readonly principalId?: string;
  readonly displayName: string;
  readonly accessKeyId: string;
  readonly isOperator: boolean;
}

/**
 * Repository contract. Every method is safe to repeat. `get*` return undefined when missing;
 * `create*` throw DomainError(AlreadyExists) on a duplicate id (and createAccount on a taken name
 * or a second operator account; codes in account-errors.ts); createAccessKey throws
 * NotFound(ACCOUNT_NOT_FOUND) for a missing account.
 */
export interface AccountRepository {
  createAccount(account: Account): Promise<void>;
  getAccount(id: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  countAccounts(): Promise<number>;

  createAccessKey(key: AccessKey): Promise<void>;
  getAccessKey(id: string): Promise<AccessKey | undefined>;
  /** The root's keys (`userId` undefined) or one user's, oldest first. */
  listAccessKeys(accountId: string, userId?: string): Promise<AccessKey[]>;
  /** false when no such key. */
  setAccessKeyStatus(id: string, status: AccessKeyStatus): Promise<boolean>;
  /** false when no such key. */
  deleteAccessKey(id: string): Promise<boolean>;
}
