import type { Principal } from "../accounts/account.ts";
import { badArgument, CatalogErrorCodes } from "../catalog/catalog-errors.ts";
import type { ResolvedDeployment } from "../catalog/catalog-inputs.ts";
import type { CatalogService } from "../catalog/catalog-service.ts";
import { parseDeployMetadata } from "../catalog/deploy-metadata.ts";
import { deploymentOf } from "../catalog/deployment-resolver.ts";
import { isDraft, type ServiceVersion } from "../catalog/service-version.ts";
import { isDomainError } from "../shared/domain-error.ts";
import type { Page } from "../shared/page.ts";
import type { InstanceServiceInfo } from "./instance-inputs.ts";
import type { ServiceInstance } from "./service-instance.ts";
import { acceptsUpgradeFrom } from "./version-metadata.ts";

/**
 * The catalog as the instance slice needs it.
 *
 * What a customer may *deploy* (create, upgrade) is decided by the catalog's visibility rules
 * (`resolve`). What an existing instance *runs* is read on the service owner's behalf
 * (`versionOf`, `resolveOwned`, `upgradableVersions`): an instance keeps its version after the
 * supplier withdraws it, and GetServiceInstance still describes it. The owner principal built
 * here never leaves this file and is used for reads only.
 */
export class InstanceCatalog {
  constructor(private readonly catalog: CatalogService) {}

  /**
   * The template `caller` would deploy. TemplateName is required when the version has several
   * TemplateConfigs; an unknown name is TEMPLATE_NAME_INVALID naming TemplateName. Catalog
   * errors (SERVICE_NOT_FOUND, SERVICE_DEPLOY_FORBIDDEN, SERVICE_NOT_DEPLOYABLE) pass through.
   */
  async resolve(caller: Principal, serviceId: string, version?: string, templateName?: string): Promise<ResolvedDeployment> {
    const visible = await this.catalog.getVisibleService(caller, { serviceId, version: version || undefined });
    if (!templateName && visible.version.deployType === "ros" && visible.version.deployMetadata) {
      const names = parseDeployMetadata(visible.version.deployMetadata).templateConfigs.map((c) => c.name);
      if (names.length > 1) {
        throw badArgument(
          "TemplateName",
          `TemplateName is required: the service ${serviceId} has several templates (${names.join(", ")}).`,
          CatalogErrorCodes.TEMPLATE_NAME_INVALID,
        );
      }
    }
    return deploymentOf(visible, templateName || undefined);
  }

  /** The version `instance` runs (any status), or undefined when it was deleted from the catalog. */
  async versionOf(instance: Pick<ServiceInstance, "supplierAccountId" | "serviceId" | "serviceVersion">): Promise<InstanceServiceInfo | undefined> {
    return this.ownedVersion(instance.supplierAccountId, instance.serviceId, instance.serviceVersion);
  }

  /** versionOf for many instances, one catalog read per distinct (service, version). */
  async versionsOf(instances: readonly ServiceInstance[]): Promise<Map<string, InstanceServiceInfo | undefined>> {
    const out = new Map<string, InstanceServiceInfo | undefined>();
    for (const i of instances) {
      const key = versionKey(i);
      if (!out.has(key)) out.set(key, await this.versionOf(i));
    }
    return out;
  }

  /** The template of `version` for the instance's template name, read as the owner (rollback, continue). */
  async resolveOwned(instance: ServiceInstance, version: string): Promise<ResolvedDeployment | undefined> {
    const info = await this.ownedVersion(instance.supplierAccountId, instance.serviceId, version);
    if (!info) return undefined;
    return deploymentOf({ ...info, permission: "Deployable" }, instance.templateName);
  }

  /**
   * Online versions newer than the instance's whose UpgradeMetadata accepts it as a source,
   * newest first (GetServiceInstance Service.UpgradableServiceVersions).
   */
  async upgradableVersions(instance: ServiceInstance): Promise<ServiceVersion[]> {
    const owner = ownerPrincipal(instance.supplierAccountId);
    const current = versionSeq(instance.serviceVersion);
    const found: ServiceVersion[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.catalog.listServices(
        owner,
        { serviceIds: [instance.serviceId], statuses: ["Online"], allVersions: true },
        { maxResults: 100, nextToken },
      );
      for (const item of page.items) {
        const v = item.version;
        if (v.seq > current && acceptsUpgradeFrom(v, instance.serviceVersion)) found.push(v);
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return found.sort((a, b) => b.seq - a.seq);
  }

  /** Whether `caller` can still see the service at all (its default version). */
  async isVisible(caller: Principal, serviceId: string): Promise<boolean> {
    return catchNotFound(this.catalog.getVisibleService(caller, { serviceId })).then((v) => v !== undefined);
  }

  /**
   * Ids of the services whose ServiceInfo names match (ListServiceInstances Filter Name): the
   * ones the caller may see (user side) or owns (supplier side). A value with `*` matches the
   * text between the stars anywhere in a name; without, the whole name; case-insensitive.
   */
  async serviceIdsNamed(caller: Principal, patterns: readonly string[], side: "user" | "supplier"): Promise<string[]> {
    const ids = new Set<string>();
    for (const pattern of patterns) {
      const fuzzy = pattern.includes("*");
      const text = pattern.replace(/\*/g, "").toLowerCase();
      let nextToken: string | undefined;
      do {
        const filter = text ? { names: [text] } : {};
        const page: Page<{ service: { id: string }; version: ServiceVersion }> =
          side === "user"
            ? await this.catalog.listVisibleServices(caller, filter, { maxResults: 100, nextToken })
            : await this.catalog.listServices(caller, filter, { maxResults: 100, nextToken });
        for (const item of page.items) {
          if (fuzzy || item.version.serviceInfos.some((i) => i.name.toLowerCase() === text)) ids.add(item.service.id);
        }
        nextToken = page.nextToken || undefined;
      } while (nextToken);
    }
    return [...ids];
  }

  private async ownedVersion(ownerAccountId: string, serviceId: string, version: string): Promise<InstanceServiceInfo | undefined> {
    const view = await catchNotFound(this.catalog.getService(ownerPrincipal(ownerAccountId), { serviceId, version }));
    return view && { service: view.service, version: view.version, supplierName: view.supplierName };
  }
}

export const versionKey = (i: Pick<ServiceInstance, "serviceId" | "serviceVersion">) => `${i.serviceId}/${i.serviceVersion}`;

/** Published versions are numbers; the draft sorts before all of them. */
export const versionSeq = (version: string): number => (isDraft(version) ? 0 : Number(version) || 0);

function ownerPrincipal(accountId: string): Principal {
  return { accountId, type: "Root", displayName: "instance catalog read", accessKeyId: "", isOperator: false };
}

async function catchNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (isDomainError(e) && e.kind === "NotFound") return undefined;
    throw e;
  }
}
