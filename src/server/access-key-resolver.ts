import type { AccountService } from "../core/accounts/account-service.ts";
import type { IamService } from "../core/iam/iam-service.ts";
import type { AccessKeyResolver } from "../faces/shared/ports.ts";

/**
 * What every face verifies signatures with: STS keys from their sessions (token and expiry are
 * checked by the faces), root and RAM user keys from the accounts. A user's key names the user
 * by its RAM name, as AccessDeniedDetail shows it.
 */
export function accessKeyResolver(accounts: AccountService, iam: IamService): AccessKeyResolver {
  return async (accessKeyId) => {
    const session = await iam.sts.resolve(accessKeyId);
    if (session) {
      const { credential: c, principal } = session;
      return { accessKeyId, secret: c.secret, active: true, principal, temporary: { securityToken: c.securityToken, expiresAt: c.expiresAt } };
    }
    const found = await accounts.resolveAccessKey(accessKeyId);
    if (!found) return undefined;
    const user =
      found.principal.type === "SubUser" && found.principal.principalId ? await iam.users.findUserById(found.account.id, found.principal.principalId) : undefined;
    const principal = user ? { ...found.principal, displayName: user.name } : found.principal;
    return { accessKeyId: found.key.id, secret: found.key.secret, active: found.key.status === "Active", principal };
  };
}
