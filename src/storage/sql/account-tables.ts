/**
 * Tables of the accounts slice (migration 20261123-0001-accounts). Times are epoch
 * milliseconds, booleans 0/1, secrets sealed by the store's Cipher (never plain text).
 */
export interface AccountsTable {
  /** 16-digit numeric string (core/shared/ids.ts). */
  id: string;
  /** Unique across the store. */
  name: string;
  /** 1 for the operator's account (at most one row, a partial unique index says so), else 0. */
  is_operator: number;
  created_at: number;
}

export interface AccessKeysTable {
  id: string;
  account_id: string;
  /** null: the account's root; otherwise the RAM user's id. */
  user_id: string | null;
  /** Cipher.seal(secret). */
  secret_sealed: string;
  /** "Active" | "Inactive" */
  status: string;
  created_at: number;
  last_used_at: number | null;
}

/** Signature nonces seen inside the replay window; rows past expires_at are purged lazily. */
export interface SignatureNoncesTable {
  nonce: string;
  expires_at: number;
}

export interface AccountTables {
  accounts: AccountsTable;
  access_keys: AccessKeysTable;
  signature_nonces: SignatureNoncesTable;
}
