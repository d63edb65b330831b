/**
 * A review request made by RegisterService (GetServiceRegistration). The operator reviews it:
 * at once in `auto` review mode, by `CatalogService.approveRegistration` in `manual` mode.
 * Executed means the version it produced went Online (LaunchService); Canceled means that version
 * was deleted before it was launched. (The vendor's Rejected needs a reject operation nestbox
 * does not have yet.)
 */
export const REGISTRATION_STATUSES = ["Submitted", "Approved", "Canceled", "Executed"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface ServiceRegistration {
  /** `sr-` + 20 lower-case hex. */
  readonly id: string;
  readonly serviceId: string;
  readonly ownerAccountId: string;
  /** The numbered version the draft was copied into. */
  readonly version: string;
  readonly status: RegistrationStatus;
  readonly comment?: string;
  readonly submittedAt: Date;
  /** When the review finished (approved or rejected). */
  readonly finishedAt?: Date;
  readonly updatedAt: Date;
}
