import type { Kysely, Selectable } from "kysely";
import { IAM_ERRORS } from "../../core/iam/iam-errors.ts";
import type { ListRequest } from "../../core/iam/iam-repository.ts";
import type { NamePage, RamGroup, RamRole, RamUser } from "../../core/iam/identities.ts";
import { DomainError } from "../../core/shared/domain-error.ts";
import type { IamGroupsTable, IamRolesTable, IamUsersTable } from "./iam-tables.ts";
import type { DB } from "./schema.ts";

/**
 * Users, groups, memberships and roles over one Kysely handle (SQLite or PostgreSQL). Inserts
 * use ON CONFLICT DO NOTHING and count rows, so a taken name is found without parsing driver
 * errors. Every query names the account: one account never reads another's rows.
 */
export class SqlIamIdentityStore {
  constructor(protected readonly db: Kysely<DB>) {}

  async createUser(user: RamUser): Promise<void> {
    const result = await this.db.insertInto("iam_users").values(userRow(user)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) throw taken(IAM_ERRORS.USER_ALREADY_EXISTS, "user", user.name, "UserName");
  }

  async getUser(accountId: string, by: { name: string } | { id: string }): Promise<RamUser | undefined> {
    let q = this.db.selectFrom("iam_users").selectAll().where("account_id", "=", accountId);
    q = "name" in by ? q.where("name", "=", by.name) : q.where("id", "=", by.id);
    const row = await q.executeTakeFirst();
    return row && toUser(row);
  }

  async listUsers(accountId: string, page: ListRequest): Promise<NamePage<RamUser>> {
    let q = this.db.selectFrom("iam_users").selectAll().where("account_id", "=", accountId);
    if (page.after !== undefined) q = q.where("name", ">", page.after);
    return pageOf(await q.orderBy("name").limit(page.limit + 1).execute(), page.limit, toUser);
  }

  async updateUser(user: RamUser): Promise<boolean> {
    const clash = await this.db
      .selectFrom("iam_users")
      .select("id")
      .where("account_id", "=", user.accountId)
      .where("name", "=", user.name)
      .where("id", "<>", user.id)
      .executeTakeFirst();
    if (clash) throw taken(IAM_ERRORS.USER_ALREADY_EXISTS, "user", user.name, "NewUserName");
    const { id: _id, account_id: _a, created_at: _c, ...changes } = userRow(user);
    const result = await this.db
      .updateTable("iam_users")
      .set(changes)
      .where("account_id", "=", user.accountId)
      .where("id", "=", user.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteUser(accountId: string, id: string): Promise<boolean> {
    // Memberships go with the user (foreign key cascade).
    const result = await this.db.deleteFrom("iam_users").where("account_id", "=", accountId).where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async createGroup(group: RamGroup): Promise<void> {
    const result = await this.db
      .insertInto("iam_groups")
      .values({
        id: group.id,
        account_id: group.accountId,
        name: group.name,
        comments: group.comments ?? null,
        created_at: group.createdAt.getTime(),
        updated_at: group.updatedAt.getTime(),
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) throw taken(IAM_ERRORS.GROUP_ALREADY_EXISTS, "group", group.name, "GroupName");
  }

  async getGroup(accountId: string, name: string): Promise<RamGroup | undefined> {
    const row = await this.db.selectFrom("iam_groups").selectAll().where("account_id", "=", accountId).where("name", "=", name).executeTakeFirst();
    return row && toGroup(row);
  }

  async listGroups(accountId: string, page: ListRequest): Promise<NamePage<RamGroup>> {
    let q = this.db.selectFrom("iam_groups").selectAll().where("account_id", "=", accountId);
    if (page.after !== undefined) q = q.where("name", ">", page.after);
    return pageOf(await q.orderBy("name").limit(page.limit + 1).execute(), page.limit, toGroup);
  }

  async deleteGroup(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("iam_groups").where("account_id", "=", accountId).where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async addMember(accountId: string, groupId: string, userId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto("iam_group_members")
      .values({ group_id: groupId, user_id: userId, account_id: accountId, joined_at: at.getTime() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async removeMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("iam_group_members")
      .where("account_id", "=", accountId)
      .where("group_id", "=", groupId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async groupsOfUser(accountId: string, userId: string): Promise<{ group: RamGroup; joinedAt: Date }[]> {
    const rows = await this.db
      .selectFrom("iam_group_members as m")
      .innerJoin("iam_groups as g", "g.id", "m.group_id")
      .selectAll("g")
      .select("m.joined_at")
      .where("m.account_id", "=", accountId)
      .where("m.user_id", "=", userId)
      .orderBy("g.name")
      .execute();
    return rows.map((r) => ({ group: toGroup(r), joinedAt: new Date(Number(r.joined_at)) }));
  }

  async usersOfGroup(accountId: string, groupId: string, page: ListRequest): Promise<NamePage<{ user: RamUser; joinedAt: Date }>> {
    let q = this.db
      .selectFrom("iam_group_members as m")
      .innerJoin("iam_users as u", "u.id", "m.user_id")
      .selectAll("u")
      .select("m.joined_at")
      .where("m.account_id", "=", accountId)
      .where("m.group_id", "=", groupId);
    if (page.after !== undefined) q = q.where("u.name", ">", page.after);
    const rows = await q.orderBy("u.name").limit(page.limit + 1).execute();
    return pageOf(rows, page.limit, (r) => ({ user: toUser(r), joinedAt: new Date(Number(r.joined_at)) }), (x) => x.user.name);
  }

  async createRole(role: RamRole): Promise<void> {
    const result = await this.db.insertInto("iam_roles").values(roleRow(role)).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) !== 1) throw taken(IAM_ERRORS.ROLE_ALREADY_EXISTS, "role", role.name, "RoleName");
  }

  async getRole(accountId: string, name: string): Promise<RamRole | undefined> {
    const row = await this.db.selectFrom("iam_roles").selectAll().where("account_id", "=", accountId).where("name", "=", name).executeTakeFirst();
    return row && toRole(row);
  }

  async listRoles(accountId: string, page: ListRequest): Promise<NamePage<RamRole>> {
    let q = this.db.selectFrom("iam_roles").selectAll().where("account_id", "=", accountId);
    if (page.after !== undefined) q = q.where("name", ">", page.after);
    return pageOf(await q.orderBy("name").limit(page.limit + 1).execute(), page.limit, toRole);
  }

  async updateRole(role: RamRole): Promise<boolean> {
    const { id: _i, account_id: _a, name: _n, created_at: _c, ...changes } = roleRow(role);
    const result = await this.db
      .updateTable("iam_roles")
      .set(changes)
      .where("account_id", "=", role.accountId)
      .where("id", "=", role.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteRole(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("iam_roles").where("account_id", "=", accountId).where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

const taken = (code: string, what: string, name: string, parameter: string) =>
  new DomainError("AlreadyExists", code, `The ${what} ${name} already exists.`, { parameter });

/** Reads limit+1 rows: the extra one says another page follows; the marker is the last name returned. */
function pageOf<R, T>(rows: R[], limit: number, map: (r: R) => T, nameOf: (t: T) => string = (t) => (t as { name: string }).name): NamePage<T> {
  const items = rows.slice(0, limit).map(map);
  const last = items[items.length - 1];
  return rows.length > limit && last !== undefined ? { items, marker: nameOf(last) } : { items };
}

const opt = <K extends string>(key: K, v: string | null): { [P in K]?: string } => (v === null ? {} : ({ [key]: v } as { [P in K]: string }));

function userRow(u: RamUser): IamUsersTable {
  return {
    id: u.id,
    account_id: u.accountId,
    name: u.name,
    display_name: u.displayName,
    email: u.email ?? null,
    mobile_phone: u.mobilePhone ?? null,
    comments: u.comments ?? null,
    created_at: u.createdAt.getTime(),
    updated_at: u.updatedAt.getTime(),
  };
}

function toUser(r: Selectable<IamUsersTable>): RamUser {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    displayName: r.display_name,
    ...opt("email", r.email),
    ...opt("mobilePhone", r.mobile_phone),
    ...opt("comments", r.comments),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

function toGroup(r: Selectable<IamGroupsTable>): RamGroup {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    ...opt("comments", r.comments),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}

function roleRow(r: RamRole): IamRolesTable {
  return {
    id: r.id,
    account_id: r.accountId,
    name: r.name,
    description: r.description ?? null,
    trust_policy: r.trustPolicy,
    max_session_duration: r.maxSessionDuration,
    created_at: r.createdAt.getTime(),
    updated_at: r.updatedAt.getTime(),
  };
}

function toRole(r: Selectable<IamRolesTable>): RamRole {
  return {
    id: r.id,
    accountId: r.account_id,
    name: r.name,
    ...opt("description", r.description),
    trustPolicy: r.trust_policy,
    maxSessionDuration: Number(r.max_session_duration),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  };
}
