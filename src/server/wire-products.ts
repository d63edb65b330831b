import type { Kysely } from "kysely";
import type { AccountService } from "../core/accounts/account-service.ts";
import type { CatalogService } from "../core/catalog/catalog-service.ts";
import { EasModule } from "../core/eas/eas-module.ts";
import type { InstanceService } from "../core/instances/instance-service.ts";
import { InstanceServiceLink } from "../core/market/instance-service-link.ts";
import { MarketService } from "../core/market/market-service.ts";
import { ProvisionService } from "../core/provisions/provision-service.ts";
import { roleDirectoryOf } from "../core/provisions/role-directory.ts";
import type { RegionDirectory } from "../core/regions.ts";
import { LateJobSink, ServiceStage } from "../core/servicestage/servicestage.ts";
import type { Clock } from "../core/shared/clock.ts";
import type { Logger } from "../core/shared/logger.ts";
import type { Driver } from "../engine/drivers/driver.ts";
import { EasReconcileLoop } from "../engine/eas/eas-reconcile-loop.ts";
import { EngineEasRuntime } from "../engine/eas/engine-eas-runtime.ts";
import { ServiceStageEngine } from "../engine/servicestage/servicestage-engine.ts";
import { TemplateDeploymentPlanner } from "../engine/template/deployment-planner.ts";
import type { WorkflowRunner } from "../engine/workflow/workflow-runner.ts";
import { SqlEasServiceRepository } from "../storage/sql/eas-service-repository.ts";
import { SqlIamIdentityStore } from "../storage/sql/iam-identity-store.ts";
import { SqlMarketRepository } from "../storage/sql/market-repository.ts";
import { SqlProductEnablementRepository } from "../storage/sql/provision-repository.ts";
import type { DB } from "../storage/sql/schema.ts";
import { SqlServiceStageRepository } from "../storage/sql/servicestage-repository.ts";
import { MarketSweeper } from "./market-sweeper.ts";

/** What the product areas are built from (the composition root's shared pieces). */
export interface ProductWiring {
  readonly db: Kysely<DB>;
  readonly runner: WorkflowRunner;
  readonly driver: Driver;
  readonly regions: RegionDirectory;
  readonly clock: Clock;
  readonly log: Logger;
  readonly dataDir: string;
}

/** Products per account and the roles a service needs (the account's RAM roles answer). */
export function wireProvisions(w: ProductWiring, catalog: CatalogService, accounts: AccountService): ProvisionService {
  const iamRoles = new SqlIamIdentityStore(w.db);
  return new ProvisionService({
    catalog,
    planner: new TemplateDeploymentPlanner(),
    enablements: new SqlProductEnablementRepository(w.db),
    roles: roleDirectoryOf(async (accountId, roleName) => (await iamRoles.getRole(accountId, roleName)) !== undefined),
    accounts,
    clock: w.clock,
    log: w.log.child({ component: "provisions" }),
  });
}

/** The Marketplace delivers purchases as service instances; its sweeper expires and closes them on time. */
export function wireMarket(w: ProductWiring, instances: InstanceService): { market: MarketService; sweeper: MarketSweeper } {
  const market = new MarketService({
    repository: new SqlMarketRepository(w.db),
    link: new InstanceServiceLink(instances),
    clock: w.clock,
    log: w.log.child({ component: "market" }),
  });
  return { market, sweeper: new MarketSweeper(market.reconciler, { log: w.log.child({ component: "market-sweeper" }) }) };
}

/**
 * PAI-EAS: one local process resource per instance; the loop moves statuses by what the replicas
 * do, records crashes and autoscales. Call before the runner's workers start (its workflows register).
 */
export function wireEas(w: ProductWiring): { eas: EasModule; loop: EasReconcileLoop } {
  const runtime = new EngineEasRuntime(w.runner, w.driver);
  const log = w.log.child({ component: "eas" });
  const eas = new EasModule({ repo: new SqlEasServiceRepository(w.db), runtime, regions: w.regions, clock: w.clock, log });
  runtime.reportTo(eas.services);
  return { eas, loop: new EasReconcileLoop(() => eas.reconciler.reconcileAll(), 1000, log) };
}

/**
 * Huawei ServiceStage: each job is a workflow over one local process per replica; the late sink
 * breaks the engine <-> core construction cycle. Call before the runner's workers start.
 */
export function wireServiceStage(w: ProductWiring): ServiceStage {
  const sink = new LateJobSink();
  const log = w.log.child({ component: "servicestage" });
  const engine = new ServiceStageEngine(w.runner, w.driver, sink, { dataDir: w.dataDir, log });
  const servicestage = new ServiceStage(new SqlServiceStageRepository(w.db), engine, w.clock, log);
  sink.target = servicestage.jobs;
  return servicestage;
}
