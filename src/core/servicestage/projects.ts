import { createHash } from "node:crypto";
import { DomainError } from "../shared/domain-error.ts";
import { SERVICESTAGE_ERROR_CODES } from "./servicestage-errors.ts";
import type { Project } from "./servicestage-model.ts";

/**
 * Huawei projects (B.9.3): every account has exactly one project per configured region. The id
 * is derived (32 lower-case hex characters, the shape of a Huawei project id), so it needs no
 * storage and is the same in every nestbox process sharing a store.
 */
export function projectId(accountId: string, regionId: string): string {
  return createHash("sha256").update(`nestbox-project:${accountId}:${regionId}`).digest("hex").slice(0, 32);
}

/** The account's domain id (Keystone `domain_id`), derived the same way. */
export function domainId(accountId: string): string {
  return createHash("sha256").update(`nestbox-domain:${accountId}`).digest("hex").slice(0, 32);
}

export function projectsOf(accountId: string, regions: readonly string[]): Project[] {
  return regions.map((regionId) => ({ id: projectId(accountId, regionId), accountId, regionId }));
}

/**
 * The caller's project with this id. Another account's project does not exist for the caller
 * (same answer as an unknown id).
 */
export function resolveProject(accountId: string, id: string, regions: readonly string[]): Project {
  const found = projectsOf(accountId, regions).find((p) => p.id === id);
  if (!found) throw new DomainError("NotFound", SERVICESTAGE_ERROR_CODES.PROJECT_NOT_FOUND, `Project ${id} does not exist.`, { parameter: "project_id" });
  return found;
}
