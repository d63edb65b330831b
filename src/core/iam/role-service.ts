import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError, notFound } from "../shared/domain-error.ts";
import { newAccountId } from "../shared/ids.ts";
import { IAM_ERRORS } from "./iam-errors.ts";
import type { IamRepository } from "./iam-repository.ts";
import { validateMaxSessionDuration, validateName, validateText } from "./iam-rules.ts";
import type { NamePage, RamRole } from "./identities.ts";
import { parsePolicyDocument } from "./policy-document.ts";
import { encodeMarker, pageRequest, type Paging } from "./user-service.ts";

export interface RoleInput {
  readonly roleName: string;
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
}

export interface RoleChanges {
  readonly newAssumeRolePolicyDocument?: string;
  readonly newDescription?: string;
  readonly newMaxSessionDuration?: number;
}

/** A role's ARN, as RAM writes it: acs:ram::<account>:role/<name>. */
export const roleArn = (role: Pick<RamRole, "accountId" | "name">): string => `acs:ram::${role.accountId}:role/${role.name}`;

/** RAM roles of one account: who may assume them is their trust policy's to say. */
export class RoleService {
  constructor(
    private readonly repo: IamRepository,
    private readonly clock: Clock,
  ) {}

  async createRole(caller: Principal, input: RoleInput): Promise<RamRole> {
    const now = this.clock.now();
    parsePolicyDocument(input.assumeRolePolicyDocument, "trust", "AssumeRolePolicyDocument");
    const role: RamRole = {
      id: newAccountId(),
      accountId: caller.accountId,
      name: validateName("RoleName", input.roleName),
      ...optional(validateText("Description", input.description, 1024)),
      trustPolicy: input.assumeRolePolicyDocument,
      maxSessionDuration: validateMaxSessionDuration(input.maxSessionDuration),
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createRole(role);
    return role;
  }

  async getRole(caller: Principal, roleName: string): Promise<RamRole> {
    return this.requireRole(caller.accountId, roleName);
  }

  async requireRole(accountId: string, roleName: string): Promise<RamRole> {
    const role = await this.repo.getRole(accountId, validateName("RoleName", roleName));
    if (!role) throw notFound(IAM_ERRORS.ROLE_NOT_FOUND, `The role ${roleName} does not exist.`, { parameter: "RoleName" });
    return role;
  }

  async listRoles(caller: Principal, paging: Paging): Promise<NamePage<RamRole>> {
    return encodeMarker(await this.repo.listRoles(caller.accountId, pageRequest(paging)));
  }

  async updateRole(caller: Principal, roleName: string, changes: RoleChanges): Promise<RamRole> {
    const role = await this.getRole(caller, roleName);
    if (changes.newAssumeRolePolicyDocument !== undefined) {
      parsePolicyDocument(changes.newAssumeRolePolicyDocument, "trust", "NewAssumeRolePolicyDocument");
    }
    const description = changes.newDescription === undefined ? role.description : validateText("NewDescription", changes.newDescription, 1024);
    const { description: _old, ...rest } = role;
    const updated: RamRole = {
      ...rest,
      ...optional(description),
      trustPolicy: changes.newAssumeRolePolicyDocument ?? role.trustPolicy,
      maxSessionDuration: changes.newMaxSessionDuration === undefined ? role.maxSessionDuration : validateMaxSessionDuration(changes.newMaxSessionDuration),
      updatedAt: this.clock.now(),
    };
    await this.repo.updateRole(updated);
    return updated;
  }

  /** RAM refuses while policies are attached (DeleteConflict.Role.Policy). */
  async deleteRole(caller: Principal, roleName: string): Promise<void> {
    const role = await this.getRole(caller, roleName);
    if ((await this.repo.attachmentsOf(caller.accountId, "Role", [role.id])).length > 0) {
      throw new DomainError("Conflict", IAM_ERRORS.ROLE_HAS_POLICIES, `The role ${roleName} still has policies attached; detach them first.`);
    }
    await this.repo.deleteRole(caller.accountId, role.id);
  }
}

const optional = (description: string | undefined): { description?: string } => (description === undefined ? {} : { description });
