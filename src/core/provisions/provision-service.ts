import type { Principal } from "../accounts/account.ts";
import { isOperatorRoot } from "../accounts/account-rules.ts";
import type { ResolvedDeployment } from "../catalog/catalog-inputs.ts";
import type { CatalogService } from "../catalog/catalog-service.ts";
import { deploymentOf } from "../catalog/deployment-resolver.ts";
import { InstanceCatalog } from "../instances/instance-catalog.ts";
import type { DeploymentPlanner } from "../instances/instance-ports.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import { newPrefixedId } from "../shared/ids.ts";
import type { Logger } from "../shared/logger.ts";
import { parseProvisionDeclaration, type ProvisionDeclaration } from "./provision-declaration.ts";
import { productNotFound, ProvisionErrorCodes as E } from "./provision-errors.ts";
import { groupByProduct, groupOfRole, type ProductGroup } from "./provision-plan.ts";
import type { ProductEnablementRepository } from "./product-enablement.ts";
import { productByCode, PRODUCTS, type ProductDefinition } from "./products.ts";
import type { RoleDirectory } from "./role-directory.ts";
import { isOn, productStatus, type ProductStatusView, type RoleProvisionView, type ServiceProvisionView } from "./service-provision.ts";

export interface ProvisionServiceDeps {
  readonly catalog: CatalogService;
  readonly planner: DeploymentPlanner;
  readonly enablements: ProductEnablementRepository;
  readonly roles: RoleDirectory;
  /** Account lookups: NotFound ACCOUNT_NOT_FOUND when missing or not the caller's to see (AccountService). */
  readonly accounts: { getAccount(caller: Principal, accountId: string): Promise<unknown> };
  readonly clock: Clock;
  readonly log: Logger;
}

export interface ProvisionsQuery {
  /** "supplier": the caller's own service (any live version); "user": a service the caller may deploy. */
  readonly side: "user" | "supplier";
  readonly serviceId: string;
  readonly serviceVersion?: string;
  readonly templateName?: string;
  /** Deployment parameters; RegionId inside is the deployment region. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The request's region, when Parameters names none. */
  readonly regionId: string;
}

/** What CreateServiceInstance checks before it stores anything (InstanceService's provision port). */
export interface DeployableCheck {
  readonly accountId: string;
  readonly resolved: ResolvedDeployment;
  readonly resourceTypes: readonly string[];
  /** Check only: auto-enable nothing. */
  readonly dryRun: boolean;
}

/** RAM trust policy of a service role: Compute Nest (nestbox) assumes it on the account's behalf. */
const SERVICE_TRUST_POLICY = JSON.stringify({
  Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["computenest.aliyuncs.com"] } }],
  Version: "1",
});

/**
 * Products and roles a deployment needs (GetServiceProvisions, ALIBABA.md 4.5), the operator's
 * per-account product switches, and the check CreateServiceInstance makes.
 *
 * - The template's resource types (conditions applied to the given parameters, by the planner)
 *   name the products (products.ts); a type no product provides is Unknown.
 * - A product is Enabled (explicitly on), EnabledByDefault (default-on, no decision recorded) or
 *   Disabled. A Disabled product the version auto-enables (DeployMetadata.ServiceProvisions)
 *   is enabled by the deployment, unless an operator disabled it for the account explicitly.
 * - Declared roles are Created when the account's RoleDirectory knows them.
 */
export class ProvisionService {
  private readonly instanceCatalog: InstanceCatalog;

  constructor(private readonly deps: ProvisionServiceDeps) {
    this.instanceCatalog = new InstanceCatalog(deps.catalog);
  }

  /** GetServiceProvisions for the caller's account. Catalog and planner errors pass through. */
  async getServiceProvisions(caller: Principal, query: ProvisionsQuery): Promise<ServiceProvisionView[]> {
    const resolved = await this.resolve(caller, query);
    const parameters = { ...(query.parameters ?? {}) };
    const region = typeof parameters["RegionId"] === "string" && parameters["RegionId"] ? (parameters["RegionId"] as string) : query.regionId;
    const prepared = this.deps.planner.prepare({
      templateBody: resolved.templateBody,
      parameters,
      regionId: region,
      accountId: caller.accountId,
      instanceId: newPrefixedId("si"),
    });
    const declaration = parseProvisionDeclaration(resolved.version.deployMetadata);
    const groups = groupByProduct(prepared.resources.map((r) => r.type), declaration);
    const out: ServiceProvisionView[] = [];
    for (const group of groups) out.push(await this.provisionOf(caller.accountId, group, groups, declaration));
    return out;
  }

  /**
   * Throws FailedPrecondition PRODUCT_NOT_ENABLED naming every product the deployment needs that
   * is off for the account and cannot be auto-enabled; otherwise enables (unless dryRun) the
   * products the version auto-enables. Unknown resource types are left to the engine.
   */
  async ensureDeployable(check: DeployableCheck): Promise<void> {
    const declaration = parseProvisionDeclaration(check.resolved.version.deployMetadata);
    const missing: string[] = [];
    const toEnable: ProductDefinition[] = [];
    for (const group of groupByProduct(check.resourceTypes, { ...declaration, roles: [] })) {
      if (!group.product) continue;
      const record = await this.deps.enablements.get(check.accountId, group.product.code);
      if (isOn(productStatus(group.product, record))) continue;
      if (!record && declaration.autoEnableServices.includes(group.product.code)) {
        toEnable.push(group.product);
        continue;
      }
      const why = record ? "disabled by an operator" : "not enabled";
      missing.push(`${group.product.code} (${why}; needed for ${group.resourceTypes.join(", ")})`);
    }
    if (missing.length > 0) {
      throw new DomainError(
        "FailedPrecondition",
        E.PRODUCT_NOT_ENABLED,
        `The service ${check.resolved.service.id} needs products that are not enabled for account ${check.accountId}: ${missing.join("; ")}. ` +
          `An operator enables a product with \`nestbox products enable <product> --account ${check.accountId}\`.`,
        { accountId: check.accountId, serviceId: check.resolved.service.id },
      );
    }
    if (check.dryRun) return;
    for (const product of toEnable) {
      await this.deps.enablements.put({
        accountId: check.accountId,
        product: product.code,
        enabled: true,
        changedBy: `auto-enable:${check.resolved.service.id}`,
        changedAt: this.deps.clock.now(),
      });
      this.deps.log.info({ accountId: check.accountId, product: product.code, serviceId: check.resolved.service.id }, "Auto-enabled product");
    }
  }

  /** Every product with its state for the account (the caller's own, or any for the operator's root). */
  async listProducts(caller: Principal, accountId: string): Promise<ProductStatusView[]> {
    await this.deps.accounts.getAccount(caller, accountId);
    const records = new Map((await this.deps.enablements.list(accountId)).map((r) => [r.product, r]));
    return PRODUCTS.map((p) => this.statusView(accountId, p, records.get(p.code)));
  }

  /** Turns a product on or off for an account; operator's root only. Repeating is not an error. */
  async setProductEnabled(caller: Principal, accountId: string, productCode: string, enabled: boolean): Promise<ProductStatusView> {
    if (!isOperatorRoot(caller)) {
      throw new DomainError("PermissionDenied", E.PRODUCT_ADMIN_FORBIDDEN, "Only the operator's root may enable or disable products for an account.");
    }
    const product = productByCode(productCode);
    if (!product) throw productNotFound(productCode);
    await this.deps.accounts.getAccount(caller, accountId);
    const record = { accountId, product: product.code, enabled, changedBy: `operator:${caller.accountId}`, changedAt: this.deps.clock.now() };
    await this.deps.enablements.put(record);
    this.deps.log.info({ accountId, product: product.code, enabled }, enabled ? "Enabled product" : "Disabled product");
    return this.statusView(accountId, product, record);
  }

  private statusView(accountId: string, product: ProductDefinition, record: Parameters<typeof productStatus>[1]): ProductStatusView {
    return {
      accountId,
      product: product.code,
      description: product.description,
      status: productStatus(product, record),
      enabledByDefault: product.enabledByDefault,
      changedBy: record?.changedBy,
      changedAt: record?.changedAt,
    };
  }

  private async resolve(caller: Principal, query: ProvisionsQuery): Promise<ResolvedDeployment> {
    if (query.side === "user") return this.instanceCatalog.resolve(caller, query.serviceId, query.serviceVersion, query.templateName);
    const view = await this.deps.catalog.getService(caller, { serviceId: query.serviceId, version: query.serviceVersion || undefined });
    return deploymentOf({ ...view, permission: "Deployable" }, query.templateName || undefined);
  }

  private async provisionOf(accountId: string, group: ProductGroup, groups: readonly ProductGroup[], declaration: ProvisionDeclaration): Promise<ServiceProvisionView> {
    const roles: RoleProvisionView[] = [];
    for (const role of declaration.roles) {
      if (groupOfRole(groups, role.serviceName) !== group) continue;
      roles.push({
        roleName: role.roleName,
        created: await this.deps.roles.roleExists(accountId, role.roleName),
        function: role.function,
        apiForCreation: {
          apiName: "CreateRole",
          apiProductId: "Ram",
          apiType: "Open",
          parameters: { RoleName: role.roleName, AssumeRolePolicyDocument: SERVICE_TRUST_POLICY, Description: `${role.function} role of ${group.name}` },
        },
      });
    }
    const autoEnableService = declaration.autoEnableServices.includes(group.name);
    const base = { serviceName: group.name, autoEnableService, accountId, resourceTypes: group.resourceTypes, roles };
    if (!group.product) {
      const what = group.resourceTypes.length ? group.resourceTypes.map((t) => `resource(${t})`).join(", ") : `product ${group.name}`;
      return { ...base, status: "Unknown", statusReason: `${what} is not provided by any product of this server`, commodities: [] };
    }
    const record = await this.deps.enablements.get(accountId, group.product.code);
    const status = productStatus(group.product, record);
    const commodities = [{ commodityCode: group.product.code, status: isOn(status) ? ("Enabled" as const) : ("Disabled" as const) }];
    if (isOn(status)) return { ...base, status, commodities };
    const statusReason = record
      ? `The product ${group.name} was disabled for account ${accountId} by ${record.changedBy}.`
      : `The product ${group.name} is not enabled for account ${accountId}.` +
        (autoEnableService ? " Deploying the service enables it (AutoEnableService)." : "");
    return { ...base, status, statusReason, commodities };
  }
}
