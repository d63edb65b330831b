import type { DialectName } from "../../../src/storage/sql/dialects/dialect.ts";
import { catalogTestContext, helloDeployMetadata, type CatalogTestContext } from "../../conformance/alibaba-rpc/catalog-context.ts";
import { InstanceService } from "../../../src/core/instances/instance-service.ts";
import { RegionDirectory } from "../../../src/core/regions.ts";
import { systemClock } from "../../../src/core/shared/clock.ts";
import { silentLogger } from "../../../src/core/shared/logger.ts";
import type { Principal } from "../../../src/core/accounts/account.ts";
import type { ServiceInstance } from "../../../src/core/instances/service-instance.ts";
import type { Driver } from "../../../src/engine/drivers/driver.ts";
import { TemplateDeploymentPlanner } from "../../../src/engine/template/deployment-planner.ts";
import { WorkflowRunner } from "../../../src/engine/workflow/workflow-runner.ts";
import { EngineInstanceRuntime } from "../../../src/engine/instances/engine-instance-runtime.ts";
import type { InstanceReporter } from "../../../src/engine/instances/instance-reporter.ts";
import { SqlWorkflowRepository } from "../../../src/storage/sql/workflow-repository.ts";
import { SqlInstanceRepository } from "../../../src/storage/sql/instance-repository.ts";
import { SqlInstanceEventRepository, SqlUpgradeHistoryRepository } from "../../../src/storage/sql/instance-event-repository.ts";

export interface EngineContext extends CatalogTestContext {
  readonly service: InstanceService;
  readonly runner: WorkflowRunner;
  readonly supplier: Principal;
  readonly customer: Principal;
  /** Publishes a Public service deploying `templateBody`; returns its id. */
  /** Publishes a one-template service; `disableRollback` sets the TemplateConfig's DisableRollback. */
  publish(templateBody: string, options?: { disableRollback?: boolean }): Promise<string>;
  /** Polls until the instance leaves every in-progress status. */
  settle(id: string, timeoutMs?: number): Promise<ServiceInstance>;
  shutdown(): Promise<void>;
}

const IN_PROGRESS = new Set(["Created", "Deploying", "Upgrading", "UpgradeRollbacking", "Stopping", "Starting", "Restarting", "Deleting"]);

/** The real planner, runner and instance runtime on a SQLite store, over the given driver. */
export async function engineContext(driver: Driver, dialect: DialectName = "sqlite"): Promise<EngineContext> {
  const base = await catalogTestContext({ dialect });
  const instances = new SqlInstanceRepository(base.store.db);
  const reporter: { instances: InstanceReporter["instances"]; service: InstanceReporter["service"] } = { instances, service: undefined as never };
  const runner = new WorkflowRunner(new SqlWorkflowRepository(base.store.db, dialect), systemClock, silentLogger, { leaseMs: 5000, pollMs: 20 });
  const runtime = new EngineInstanceRuntime(runner, driver, reporter, systemClock);
  const service = new InstanceService({
    instances,
    events: new SqlInstanceEventRepository(base.store.db),
    history: new SqlUpgradeHistoryRepository(base.store.db),
    catalog: base.catalog,
    planner: new TemplateDeploymentPlanner(),
    runtime,
    regions: new RegionDirectory(),
    clock: base.clock,
    log: silentLogger,
  });
  reporter.service = service;
  runner.startWorkers();
  const supplier = await base.account("supplier");
  const customer = await base.account("customer");
  return {
    ...base,
    service,
    runner,
    supplier,
    customer,
    async publish(templateBody, options = {}) {
      const created = await base.catalog.createService(supplier, {
        regionId: "cn-hangzhou",
        deployType: "ros",
        shareType: "Public",
        versionName: "first",
        serviceInfos: [{ locale: "en-US", name: `Svc ${Math.random().toString(36).slice(2, 8)}`, shortDescription: "test" }],
        deployMetadata: options.disableRollback
          ? JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: templateBody, DisableRollback: true }] })
          : helloDeployMetadata(templateBody),
      });
      await base.catalog.registerService(supplier, created.service.id);
      await base.catalog.launchService(supplier, created.service.id, "1");
      base.clock.advance(1000);
      return created.service.id;
    },
    async settle(id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const got = (await instances.get(id))!;
        if (!IN_PROGRESS.has(got.status) || (got.status === "Created" && !got.currentOperation)) return got;
        if (Date.now() > deadline) throw new Error(`instance ${id} still ${got.status}: ${got.statusDetail}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async shutdown() {
      await runner.stop();
      await base.close();
    },
  };
}
