import { DomainError } from "../shared/domain-error.ts";
import { CatalogErrorCodes as E, serviceNotFound } from "./catalog-errors.ts";
import { isLive } from "./catalog-support.ts";
import type { Service } from "./service.ts";
import { DRAFT_VERSION, isDraft, isVersionNumber, type ServiceContent, type ServiceVersion } from "./service-version.ts";

/** Rules about which version an operation acts on, shared by CatalogService's methods. */

/** A fresh draft holding `content`. */
export function newDraft(serviceId: string, content: ServiceContent, templates: Record<string, string>, now: Date): ServiceVersion {
  return {
    ...content,
    serviceId,
    version: DRAFT_VERSION,
    seq: 0,
    status: "Draft",
    templates,
    categories: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The named live version, SERVICE_NOT_FOUND, or SERVICE_DRAFT_NOT_FOUND for a deleted draft. */
export function liveVersion(service: Service, versions: readonly ServiceVersion[], version: string): ServiceVersion {
  const found = versions.find((v) => v.version === version);
  if (!found || !isLive(found)) {
    if (isDraft(version) && !service.hasDraft) {
      throw new DomainError("FailedPrecondition", E.SERVICE_DRAFT_NOT_FOUND, `The service ${service.id} has no draft.`, {
        parameter: "ServiceVersion",
        serviceId: service.id,
      });
    }
    throw serviceNotFound(service.id, version);
  }
  return found;
}

/** LaunchService(ServiceVersion=draft): the newest version registered from the draft. */
export function newestRegistered(service: Service, versions: readonly ServiceVersion[]): ServiceVersion {
  const numbered = versions.filter((v) => isLive(v) && isVersionNumber(v.version)).sort((a, b) => b.seq - a.seq);
  if (numbered.length === 0) {
    throw new DomainError("FailedPrecondition", E.SERVICE_STATUS_INVALID, `The draft of service ${service.id} has not been registered; call RegisterService first.`, {
      serviceId: service.id,
      version: DRAFT_VERSION,
    });
  }
  return numbered[0]!;
}

/** A draft is registrable when customers could deploy it: a name, and for ros a template. */
export function assertRegistrable(draft: ServiceVersion): void {
  const missing: string[] = [];
  if (draft.serviceInfos.length === 0) missing.push("ServiceInfo (a name in at least one locale)");
  if (draft.deployType === "ros" && Object.keys(draft.templates).length === 0) {
    missing.push("DeployMetadata.TemplateConfigs (at least one template)");
  }
  if (missing.length > 0) {
    throw new DomainError("FailedPrecondition", E.SERVICE_DRAFT_INCOMPLETE, `The draft cannot be registered without ${missing.join(" and ")}.`, {
      serviceId: draft.serviceId,
    });
  }
}
