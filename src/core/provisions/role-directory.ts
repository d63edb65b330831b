/**
 * Which roles exist in an account. GetServiceProvisions reports each role a service declares as
 * Created or not; the account's RAM roles (IAM) answer this port.
 */
export interface RoleDirectory {
  roleExists(accountId: string, roleName: string): Promise<boolean>;
}

/** Answers from a function: adapts whatever store holds the roles. */
export const roleDirectoryOf = (exists: (accountId: string, roleName: string) => Promise<boolean>): RoleDirectory => ({
  roleExists: exists,
});

/** Knows no role at all: every declared role is reported not created. */
export const NO_ROLES: RoleDirectory = roleDirectoryOf(async () => false);

/** Roles held in memory (tests, and a server without an IAM store). Role names are case-insensitive, as in RAM. */
export class InMemoryRoleDirectory implements RoleDirectory {
  private readonly roles = new Set<string>();

  add(accountId: string, roleName: string): void {
    this.roles.add(`${accountId}/${roleName.toLowerCase()}`);
  }

  async roleExists(accountId: string, roleName: string): Promise<boolean> {
    return this.roles.has(`${accountId}/${roleName.toLowerCase()}`);
  }
}
