import type { AccessKey, AccessKeyStatus, Principal } from "../accounts/account.ts";
import type { AccessKeySummary, AccountService } from "../accounts/account-service.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError, notFound } from "../shared/domain-error.ts";
import { newAccountId } from "../shared/ids.ts";
import { decodePageToken, encodePageToken } from "../shared/page.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import type { IamRepository } from "./iam-repository.ts";
import { invalid, validateMaxItems, validateName, validateText } from "./iam-rules.ts";
import type { NamePage, RamGroup, RamUser } from "./identities.ts";

export interface UserInput {
  readonly userName: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly mobilePhone?: string;
  readonly comments?: string;
}

export interface UserChanges {
  readonly newUserName?: string;
  readonly newDisplayName?: string;
  readonly newEmail?: string;
  readonly newMobilePhone?: string;
  readonly newComments?: string;
}

export interface Paging {
  readonly marker?: string;
  readonly maxItems?: number;
}

/** RAM keeps at most two access keys per user. */
export const MAX_USER_ACCESS_KEYS = 2;

/**
 * RAM users and groups of one account, and users' access keys (stored with the account's keys,
 * owned by the user's id). Whether the caller may call these is the authorizer's question,
 * asked by the face before; here everything is scoped to the caller's account.
 */
export class UserService {
  constructor(
    private readonly repo: IamRepository,
    private readonly accounts: AccountService,
    private readonly clock: Clock,
  ) {}

  async createUser(caller: Principal, input: UserInput): Promise<RamUser> {
    const now = this.clock.now();
    const name = validateName("UserName", input.userName);
    const user: RamUser = {
      id: newAccountId(),
      accountId: caller.accountId,
      name,
      displayName: validateText("DisplayName", input.displayName, 128) ?? name,
      ...optional("email", validateText("Email", input.email, 128)),
      ...optional("mobilePhone", validateText("MobilePhone", input.mobilePhone, 32)),
      ...optional("comments", validateText("Comments", input.comments, 128)),
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createUser(user);
    return user;
  }

  async getUser(caller: Principal, userName: string): Promise<RamUser> {
    const user = await this.repo.getUser(caller.accountId, { name: validateName("UserName", userName) });
    if (!user) throw userNotFound(userName);
    return user;
  }

  /** The user a key or session names, for display names and group lookups; undefined when gone. */
  findUserById(accountId: string, userId: string): Promise<RamUser | undefined> {
    return this.repo.getUser(accountId, { id: userId });
  }

  async updateUser(caller: Principal, userName: string, changes: UserChanges): Promise<RamUser> {
    const user = await this.getUser(caller, userName);
    // Optional fields are rebuilt, so an empty New* value clears them.
    const { email: _e, mobilePhone: _m, comments: _c, ...rest } = user;
    const updated: RamUser = {
      ...rest,
      name: changes.newUserName === undefined ? user.name : validateName("NewUserName", changes.newUserName),
      displayName: validateText("NewDisplayName", changes.newDisplayName, 128) ?? user.displayName,
      ...optional("email", changes.newEmail === undefined ? user.email : validateText("NewEmail", changes.newEmail, 128)),
      ...optional("mobilePhone", changes.newMobilePhone === undefined ? user.mobilePhone : validateText("NewMobilePhone", changes.newMobilePhone, 32)),
      ...optional("comments", changes.newComments === undefined ? user.comments : validateText("NewComments", changes.newComments, 128)),
      updatedAt: this.clock.now(),
    };
    if (!(await this.repo.updateUser(updated))) throw userNotFound(userName);
    return updated;
  }

  /** RAM refuses while the user has access keys, groups or policies (DeleteConflict.User.*). */
  async deleteUser(caller: Principal, userName: string): Promise<void> {
    const user = await this.getUser(caller, userName);
    if ((await this.accounts.listAccessKeys(caller, caller.accountId, user.id)).length > 0) {
      throw conflict(IAM_ERRORS.USER_HAS_ACCESS_KEYS, `The user ${userName} still has access keys; delete them first.`);
    }
    if ((await this.repo.groupsOfUser(caller.accountId, user.id)).length > 0) {
      throw conflict(IAM_ERRORS.USER_IN_GROUPS, `The user ${userName} is still in groups; remove it from them first.`);
    }
    if ((await this.repo.attachmentsOf(caller.accountId, "User", [user.id])).length > 0) {
      throw conflict(IAM_ERRORS.USER_HAS_POLICIES, `The user ${userName} still has policies attached; detach them first.`);
    }
    if (!(await this.repo.deleteUser(caller.accountId, user.id))) throw userNotFound(userName);
  }

  async listUsers(caller: Principal, paging: Paging): Promise<NamePage<RamUser>> {
    return encodeMarker(await this.repo.listUsers(caller.accountId, pageRequest(paging)));
  }

  /** Without a user name: a user creates its own key; the root creates a root key. */
  async createAccessKey(caller: Principal, userName?: string): Promise<AccessKey> {
    const userId = await this.keyOwner(caller, userName);
    if (userId !== undefined && (await this.accounts.listAccessKeys(caller, caller.accountId, userId)).length >= MAX_USER_ACCESS_KEYS) {
      throw conflict(IAM_ERRORS.ACCESS_KEY_LIMIT, `A user may have at most ${MAX_USER_ACCESS_KEYS} access keys.`);
    }
    return this.accounts.createAccessKey(caller, caller.accountId, userId);
  }

  async listAccessKeys(caller: Principal, userName?: string): Promise<AccessKeySummary[]> {
    return this.accounts.listAccessKeys(caller, caller.accountId, await this.keyOwner(caller, userName));
  }

  async updateAccessKey(caller: Principal, accessKeyId: string, status: string, userName?: string): Promise<void> {
    if (status !== "Active" && status !== "Inactive") throw invalid("Status", 'it must be "Active" or "Inactive".');
    await this.ownedKey(caller, accessKeyId, userName);
    const wanted: AccessKeyStatus = status;
    await (wanted === "Active" ? this.accounts.enableAccessKey(caller, accessKeyId) : this.accounts.disableAccessKey(caller, accessKeyId));
  }

  async deleteAccessKey(caller: Principal, accessKeyId: string, userName?: string): Promise<void> {
    await this.ownedKey(caller, accessKeyId, userName);
    await this.accounts.deleteAccessKey(caller, accessKeyId);
  }

  async createGroup(caller: Principal, groupName: string, comments?: string): Promise<RamGroup> {
    const now = this.clock.now();
    const group: RamGroup = {
      id: newAccountId(),
      accountId: caller.accountId,
      name: validateName("GroupName", groupName),
      ...optional("comments", validateText("Comments", comments, 128)),
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createGroup(group);
    return group;
  }

  async getGroup(caller: Principal, groupName: string): Promise<RamGroup> {
    const group = await this.repo.getGroup(caller.accountId, validateName("GroupName", groupName));
    if (!group) throw notFound(IAM_ERRORS.GROUP_NOT_FOUND, `The group ${groupName} does not exist.`, { parameter: "GroupName" });
    return group;
  }

  async listGroups(caller: Principal, paging: Paging): Promise<NamePage<RamGroup>> {
    return encodeMarker(await this.repo.listGroups(caller.accountId, pageRequest(paging)));
  }

  async deleteGroup(caller: Principal, groupName: string): Promise<void> {
    const group = await this.getGroup(caller, groupName);
    if ((await this.repo.usersOfGroup(caller.accountId, group.id, { limit: 1 })).items.length > 0) {
      throw conflict(IAM_ERRORS.GROUP_HAS_USERS, `The group ${groupName} still has users; remove them first.`);
    }
    if ((await this.repo.attachmentsOf(caller.accountId, "Group", [group.id])).length > 0) {
      throw conflict(IAM_ERRORS.GROUP_HAS_POLICIES, `The group ${groupName} still has policies attached; detach them first.`);
    }
    await this.repo.deleteGroup(caller.accountId, group.id);
  }

  async addUserToGroup(caller: Principal, userName: string, groupName: string): Promise<void> {
    const [user, group] = await Promise.all([this.getUser(caller, userName), this.getGroup(caller, groupName)]);
    if (!(await this.repo.addMember(caller.accountId, group.id, user.id, this.clock.now()))) {
      throw new DomainError("AlreadyExists", IAM_ERRORS.USER_ALREADY_IN_GROUP, `The user ${userName} is already in the group ${groupName}.`);
    }
  }

  async removeUserFromGroup(caller: Principal, userName: string, groupName: string): Promise<void> {
    const [user, group] = await Promise.all([this.getUser(caller, userName), this.getGroup(caller, groupName)]);
    if (!(await this.repo.removeMember(caller.accountId, group.id, user.id))) {
      throw notFound(IAM_ERRORS.USER_NOT_IN_GROUP, `The user ${userName} is not in the group ${groupName}.`);
    }
  }

  async listGroupsForUser(caller: Principal, userName: string): Promise<{ group: RamGroup; joinedAt: Date }[]> {
    const user = await this.getUser(caller, userName);
    return this.repo.groupsOfUser(caller.accountId, user.id);
  }

  async listUsersForGroup(caller: Principal, groupName: string, paging: Paging): Promise<NamePage<{ user: RamUser; joinedAt: Date }>> {
    const group = await this.getGroup(caller, groupName);
    return encodeMarker(await this.repo.usersOfGroup(caller.accountId, group.id, pageRequest(paging)));
  }

  private async keyOwner(caller: Principal, userName: string | undefined): Promise<string | undefined> {
    if (userName !== undefined && userName !== "") return (await this.getUser(caller, userName)).id;
    return caller.type === "SubUser" ? caller.principalId : undefined;
  }

  /** The key must belong to the named user (or the caller itself): another's key is not found. */
  private async ownedKey(caller: Principal, accessKeyId: string, userName: string | undefined): Promise<void> {
    const owner = await this.keyOwner(caller, userName);
    const keys = await this.accounts.listAccessKeys(caller, caller.accountId, owner);
    if (!keys.some((k) => k.id === accessKeyId)) {
      throw notFound(IAM_ERRORS.USER_ACCESS_KEY_NOT_FOUND, `The access key ${accessKeyId} does not exist.`, { parameter: "UserAccessKeyId" });
    }
  }
}

const userNotFound = (userName: string) => notFound(IAM_ERRORS.USER_NOT_FOUND, `The user ${userName} does not exist.`, { parameter: "UserName" });
const conflict = (code: string, message: string) => new DomainError("Conflict", code, message);

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: string });
}

export function pageRequest(paging: Paging): { after?: string; limit: number } {
  const after = decodePageToken(paging.marker || undefined);
  return { limit: validateMaxItems(paging.maxItems), ...(after === undefined ? {} : { after }) };
}

export function encodeMarker<T>(page: NamePage<T>): NamePage<T> {
  return page.marker === undefined ? page : { items: page.items, marker: encodePageToken(page.marker) };
}
