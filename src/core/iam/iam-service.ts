import type { AccountService } from "../accounts/account-service.ts";
import type { Clock } from "../shared/clock.ts";
import { AccessEvaluator } from "./access-evaluator.ts";
import type { IamRepository } from "./iam-repository.ts";
import { LoginProfileService } from "./login-profile-service.ts";
import { PolicyService } from "./policy-service.ts";
import { RoleService } from "./role-service.ts";
import { StsService } from "./sts-service.ts";
import { UserService } from "./user-service.ts";

/**
 * Access control of every account: RAM users, groups, roles and policies, STS sessions, and the
 * evaluator that decides each request. One repository behind all of them.
 */
export class IamService {
  readonly users: UserService;
  readonly roles: RoleService;
  readonly policies: PolicyService;
  readonly access: AccessEvaluator;
  readonly sts: StsService;
  readonly loginProfiles: LoginProfileService;

  constructor(repo: IamRepository, accounts: AccountService, clock: Clock) {
    this.users = new UserService(repo, accounts, clock);
    this.roles = new RoleService(repo, clock);
    this.policies = new PolicyService(repo, clock);
    this.access = new AccessEvaluator(repo, clock);
    this.loginProfiles = new LoginProfileService(repo, this.users, clock);
    this.sts = new StsService(repo, this.roles, this.users, this.access, clock);
  }
}
