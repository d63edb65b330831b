import type { Account, Principal } from "../../../core/accounts/account.ts";
import type { LoginProfileService } from "../../../core/iam/login-profile-service.ts";
import type { PasswordLogin, PasswordVerifier } from "./tokens.ts";

/**
 * The password method of POST /v3/auth/tokens over RAM login profiles: the Keystone domain is
 * the nestbox account (by name, or by id), the user one of its RAM users with a login profile.
 * The token then acts as that user: its policies decide every request.
 */
export class LoginProfilePasswordVerifier implements PasswordVerifier {
  constructor(
    private readonly loginProfiles: LoginProfileService,
    /** Every account (names are unique); the domain is looked up among them. */
    private readonly listAccounts: () => Promise<readonly Account[]>,
  ) {}

  async verify(request: { readonly userName: string; readonly domainName?: string; readonly password: string }): Promise<PasswordLogin | undefined> {
    const account = request.domainName ? await this.findAccount(request.domainName) : undefined;
    // An unknown domain still costs one password check, like an unknown user or a wrong password.
    const user = await this.loginProfiles.checkPassword(account?.id ?? "", request.userName, request.password);
    if (!account || !user) return undefined;
    const principal: Principal = {
      accountId: account.id,
      type: "SubUser",
      principalId: user.id,
      displayName: user.name,
      accessKeyId: "",
      isOperator: account.isOperator,
    };
    return { principal, domainName: account.name };
  }

  private async findAccount(domainName: string): Promise<Account | undefined> {
    const accounts = await this.listAccounts();
    return accounts.find((a) => a.name === domainName) ?? accounts.find((a) => a.id === domainName);
  }
}
