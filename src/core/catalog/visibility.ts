import type { Service, SharedAccount, SharePermission } from "./service.ts";
import type { ServiceVersion } from "./service-version.ts";

/**
 * Who sees a service version on the user side (ComputeNest GetService/ListServices):
 * - the owner sees every live version;
 * - anyone else sees only Online versions, and only of a Public service, or of a
 *   Restricted / OnlyFormalRestricted / OnlyTrailRestricted / Hidden service that was shared
 *   with their account (AddServiceSharedAccounts).
 * The trial-only distinctions of the restricted types are not modelled: a listed account may do
 * both formal and trial deployments. Whatever is not visible does not exist for the caller
 * (SERVICE_NOT_FOUND, the same error as a missing service).
 *
 * Returns the caller's permission, or undefined when the version is invisible. Pure.
 */
export function viewerPermission(
  viewerAccountId: string,
  service: Service,
  version: ServiceVersion,
  shared: SharedAccount | undefined,
): SharePermission | undefined {
  if (service.deletedAt || version.deletedAt || version.status === "Deleted") return undefined;
  if (service.ownerAccountId === viewerAccountId) return "Deployable";
  if (version.status !== "Online") return undefined;
  if (service.shareType === "Public") return "Deployable";
  return shared?.accountId === viewerAccountId ? shared.permission : undefined;
}
