import type { AccessKey, AccessKeyStatus, Account, Principal } from "../../core/accounts/account.ts";

/**
 * The use-cases the native API exposes, in domain terms. server/wiring.ts implements it over the
 * core services, so this face depends on no service's exact method shapes. Every method checks
 * that the caller may act (an operator for other accounts) and throws DomainError otherwise.
 */
export interface NativeAdmin {
  /** Throws AlreadyExists/InvalidArgument as the account service decides. */
  createAccount(caller: Principal, input: { readonly name: string }): Promise<Account>;
  listAccounts(caller: Principal): Promise<Account[]>;
  /** A new root access key of `accountId` (default: the caller's account); the secret is in the result. */
  createAccessKey(caller: Principal, input: { readonly accountId?: string }): Promise<AccessKey>;
  listAccessKeys(caller: Principal, input: { readonly accountId?: string }): Promise<AccessKeyInfo[]>;
  /** Repeating the same status is not an error. NotFound for an unknown or foreign key. */
  setAccessKeyStatus(caller: Principal, accessKeyId: string, status: AccessKeyStatus): Promise<AccessKeyInfo>;
  /** NotFound for an unknown or foreign key. */
  deleteAccessKey(caller: Principal, accessKeyId: string): Promise<void>;
  /** Approves the pending registration of one service version (operator only). */
  approveRegistration(caller: Principal, serviceId: string, version: string): Promise<ApprovedRegistration>;
}

/** An access key without its secret (the secret is only in createAccessKey's answer). */
export type AccessKeyInfo = Omit<AccessKey, "secret">;

export interface ApprovedRegistration {
  readonly serviceId: string;
  readonly version: string;
  /** The version's status after approval, e.g. "Approved". */
  readonly status: string;
  readonly registrationId?: string;
}
