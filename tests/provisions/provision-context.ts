import type { Principal } from "../../src/core/accounts/account.ts";
import { canActOnAccount } from "../../src/core/accounts/account-rules.ts";
import type { Core } from "../../src/core/core.ts";
import { InstanceService } from "../../src/core/instances/instance-service.ts";
import { InMemoryProductEnablementRepository } from "../../src/core/provisions/product-enablement.ts";
import { ProvisionService } from "../../src/core/provisions/provision-service.ts";
import { InMemoryRoleDirectory } from "../../src/core/provisions/role-directory.ts";
import { RegionDirectory } from "../../src/core/regions.ts";
import { notFound } from "../../src/core/shared/domain-error.ts";
import { silentLogger } from "../../src/core/shared/logger.ts";
import type { RequestContext } from "../../src/faces/shared/request-context.ts";
import { catalogTestContext, type CatalogTestContext } from "../conformance/alibaba-rpc/catalog-context.ts";
import { FakePlanner, FakeRuntime, inMemoryInstanceStores } from "../conformance/alibaba-rpc/instance-context.ts";

/**
 * The catalog test context (SQLite) plus a ProvisionService over in-memory product switches and
 * roles, and an InstanceService that checks provisions at create, with the engine faked.
 */
export interface ProvisionTestContext extends CatalogTestContext {
  readonly provisions: ProvisionService;
  readonly instances: InstanceService;
  readonly runtime: FakeRuntime;
  readonly roles: InMemoryRoleDirectory;
  readonly enablements: InMemoryProductEnablementRepository;
  readonly operator: Principal;
  /** A published Public service of `supplier` with this DeployMetadata; returns its id. */
  publish(supplier: Principal, deployMetadata: string, extra?: Record<string, unknown>): Promise<string>;
}

export async function provisionTestContext(): Promise<ProvisionTestContext> {
  const base = await catalogTestContext();
  const roles = new InMemoryRoleDirectory();
  const enablements = new InMemoryProductEnablementRepository();
  const accounts = {
    async getAccount(caller: Principal, accountId: string) {
      const row = canActOnAccount(caller, accountId)
        ? await base.store.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst()
        : undefined;
      if (!row) throw notFound("ACCOUNT_NOT_FOUND", `Account ${accountId} does not exist.`, { accountId });
      return row;
    },
  };
  const planner = new FakePlanner();
  const provisions = new ProvisionService({ catalog: base.catalog, planner, enablements, roles, accounts, clock: base.clock, log: silentLogger });
  const runtime = new FakeRuntime();
  const regions = new RegionDirectory();
  const instances = new InstanceService({
    ...inMemoryInstanceStores(),
    catalog: base.catalog,
    planner,
    runtime,
    regions,
    clock: base.clock,
    log: silentLogger,
    provisions,
  });
  const core = { regions, catalog: base.catalog, instances, provisions } as unknown as Core;
  const operator = await base.account("operator", { operator: true });
  return {
    ...base,
    provisions,
    instances,
    runtime,
    roles,
    enablements,
    operator,
    ctx(caller: Principal): RequestContext {
      return { ...base.ctx(caller), core };
    },
    async publish(supplier, deployMetadata, extra = {}) {
      const created = await base.catalog.createService(supplier, {
        regionId: "cn-hangzhou",
        deployType: "ros",
        shareType: "Public",
        versionName: "first",
        serviceInfos: [{ locale: "en-US", name: `Svc ${Math.random().toString(36).slice(2, 8)}`, shortDescription: "Test" }],
        deployMetadata,
        ...extra,
      });
      await base.catalog.registerService(supplier, created.service.id);
      await base.catalog.launchService(supplier, created.service.id, "1");
      base.clock.advance(1000);
      return created.service.id;
    },
  };
}

/** A template using the local product and, optionally, other resource types. */
export function templateWith(extraTypes: Record<string, string> = {}): string {
  const extra = Object.entries(extraTypes)
    .map(([id, type]) => `  ${id}:\n    Type: ${type}\n`)
    .join("");
  return `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Replicas: {Type: Number, Default: 1}
Resources:
  Web:
    Type: Nestbox::Local::Process
    Properties: {Command: node, Replicas: {Ref: Replicas}}
  Secret:
    Type: Nestbox::Random::String
${extra}`;
}

export const deployMetadata = (template: string, provisions?: object) =>
  JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: template }], ...(provisions ? { ServiceProvisions: provisions } : {}) });
