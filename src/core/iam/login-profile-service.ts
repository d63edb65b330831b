import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError, notFound } from "../shared/domain-error.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import type { IamRepository } from "./iam-repository.ts";
import type { LoginProfile, RamUser } from "./identities.ts";
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from "./password-hash.ts";
import type { UserService } from "./user-service.ts";

export interface LoginProfileInput {
  readonly password: string;
  readonly passwordResetRequired?: boolean;
  readonly mfaBindRequired?: boolean;
}

export interface LoginProfileChanges {
  readonly password?: string;
  readonly passwordResetRequired?: boolean;
  readonly mfaBindRequired?: boolean;
}

/** A login profile as shown (never its hash) with the user it belongs to. */
export interface LoginProfileView {
  readonly userName: string;
  readonly passwordResetRequired: boolean;
  readonly mfaBindRequired: boolean;
  readonly createdAt: Date;
}

/** RAM's default password policy: 8 to 32 printable ASCII characters. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;

/**
 * RAM users' passwords (CreateLoginProfile ...) and the password check of a login. The password
 * is hashed on arrival and never stored, returned or logged.
 */
export class LoginProfileService {
  constructor(
    private readonly repo: IamRepository,
    private readonly users: UserService,
    private readonly clock: Clock,
  ) {}

  async create(caller: Principal, userName: string, input: LoginProfileInput): Promise<LoginProfileView> {
    const user = await this.users.getUser(caller, userName);
    const passwordHash = await hashPassword(validatePassword(input.password));
    const now = this.clock.now();
    const profile: LoginProfile = {
      accountId: user.accountId,
      userId: user.id,
      passwordHash,
      passwordResetRequired: input.passwordResetRequired ?? false,
      mfaBindRequired: input.mfaBindRequired ?? false,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createLoginProfile(profile);
    return view(user, profile);
  }

  async get(caller: Principal, userName: string): Promise<LoginProfileView> {
    const { user, profile } = await this.existing(caller, userName);
    return view(user, profile);
  }

  async update(caller: Principal, userName: string, changes: LoginProfileChanges): Promise<LoginProfileView> {
    const { user, profile } = await this.existing(caller, userName);
    const updated: LoginProfile = {
      ...profile,
      passwordHash: changes.password === undefined ? profile.passwordHash : await hashPassword(validatePassword(changes.password)),
      passwordResetRequired: changes.passwordResetRequired ?? profile.passwordResetRequired,
      mfaBindRequired: changes.mfaBindRequired ?? profile.mfaBindRequired,
      updatedAt: this.clock.now(),
    };
    if (!(await this.repo.updateLoginProfile(updated))) throw profileNotFound(userName);
    return view(user, updated);
  }

  async delete(caller: Principal, userName: string): Promise<void> {
    const user = await this.users.getUser(caller, userName);
    if (!(await this.repo.deleteLoginProfile(user.accountId, user.id))) throw profileNotFound(userName);
  }

  /**
   * A password login of the account's user: the user when the password matches its profile,
   * undefined when the user is unknown, has no profile or the password is wrong. The hash is
   * checked in every case, so the three take equally long.
   */
  async checkPassword(accountId: string, userName: string, password: string): Promise<RamUser | undefined> {
    const user = /^[A-Za-z0-9._@-]{1,64}$/.test(userName) ? await this.repo.getUser(accountId, { name: userName }) : undefined;
    const profile = user && (await this.repo.getLoginProfile(accountId, user.id));
    const matches = await verifyPassword(password, profile?.passwordHash ?? UNMATCHABLE_HASH);
    return matches && profile ? user : undefined;
  }

  private async existing(caller: Principal, userName: string): Promise<{ user: RamUser; profile: LoginProfile }> {
    const user = await this.users.getUser(caller, userName);
    const profile = await this.repo.getLoginProfile(user.accountId, user.id);
    if (!profile) throw profileNotFound(userName);
    return { user, profile };
  }
}

function view(user: RamUser, p: LoginProfile): LoginProfileView {
  return { userName: user.name, passwordResetRequired: p.passwordResetRequired, mfaBindRequired: p.mfaBindRequired, createdAt: p.createdAt };
}

function validatePassword(password: unknown): string {
  if (typeof password !== "string" || password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || !/^[\x21-\x7e]+$/.test(password)) {
    // The message never repeats the password.
    throw new DomainError(
      "InvalidArgument",
      IAM_ERRORS.PASSWORD_INVALID,
      `The parameter Password is not valid: it must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} printable ASCII characters without spaces.`,
      { parameter: "Password" },
    );
  }
  return password;
}

const profileNotFound = (userName: string) =>
  notFound(IAM_ERRORS.LOGIN_PROFILE_NOT_FOUND, `The login profile of the user ${userName} does not exist.`, { parameter: "UserName" });
