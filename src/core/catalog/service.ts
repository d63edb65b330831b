/**
 * A service in the catalog: what a supplier publishes and customers deploy. The service holds
 * what is shared by all its versions (owner, sharing, approval, tags, the default version);
 * each version (service-version.ts) holds the deployable content.
 */

/** Who may see and deploy the service besides its owner (ALIBABA.md 4.2; "Trail" is the vendor's spelling). */
export const SHARE_TYPES = ["Public", "Restricted", "OnlyFormalRestricted", "OnlyTrailRestricted", "Hidden"] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** How usage applications (CreateServiceUsage) are approved. */
export const APPROVAL_TYPES = ["Manual", "AutoPass"] as const;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];

/** What a shared account may do with the service. */
export const SHARE_PERMISSIONS = ["Deployable", "Accessible"] as const;
export type SharePermission = (typeof SHARE_PERMISSIONS)[number];

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface Service {
  /** `service-` + 20 lower-case hex. */
  readonly id: string;
  /** The supplier's account. */
  readonly ownerAccountId: string;
  /** Region the service was created in. */
  readonly regionId: string;
  readonly shareType: ShareType;
  readonly approvalType: ApprovalType;
  readonly resourceGroupId?: string;
  readonly tags: readonly Tag[];
  /**
   * The version ListServices returns when AllVersions=false and GetService uses when no version
   * is named. Invariant kept by CatalogService: while any version is Online the default is an
   * Online version, so customers always see the default (visibility.ts).
   */
  readonly defaultVersion: string;
  /** Highest published version number handed out ("1", "2", ...); numbers are never reused. */
  readonly lastVersionNumber: number;
  /** Whether the `draft` working copy exists (it can be deleted while published versions remain). */
  readonly hasDraft: boolean;
  /** Idempotency of CreateService (ALIBABA.md 2.5): the caller's token and a hash of its request. */
  readonly clientToken?: string;
  readonly requestHash?: string;
  /** Incremented by every write; writes are compare-and-set on it. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Set when the last version was deleted; a deleted service does not exist for anyone. */
  readonly deletedAt?: Date;
}

/** An account the owner shared a non-public service with (AddServiceSharedAccounts). */
export interface SharedAccount {
  readonly serviceId: string;
  readonly accountId: string;
  readonly permission: SharePermission;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
