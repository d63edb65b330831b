/**
 * The composition root: the one place that names concrete classes and connects them (with its
 * helpers: wire-products.ts builds the product areas, wire-faces.ts registers the faces), so a
 * changed constructor is fixed in one place. Order: master key + cipher -> store -> repositories
 * -> core services and the engine -> faces.
 */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { AccountService, type BootstrapResult } from "../core/accounts/account-service.ts";
import { CatalogService } from "../core/catalog/catalog-service.ts";
import type { Core } from "../core/core.ts";
import { IamService } from "../core/iam/iam-service.ts";
import { InstanceService } from "../core/instances/instance-service.ts";
import { RegionDirectory } from "../core/regions.ts";
import type { Clock } from "../core/shared/clock.ts";
import { isDomainError } from "../core/shared/domain-error.ts";
import type { Logger } from "../core/shared/logger.ts";
import { openLocalDriver } from "../engine/drivers/local-driver.ts";
import { EngineInstanceRuntime } from "../engine/instances/engine-instance-runtime.ts";
import type { InstanceReporter } from "../engine/instances/instance-reporter.ts";
import { TemplateDeploymentPlanner } from "../engine/template/deployment-planner.ts";
import { UrlTemplateSource } from "../engine/template-source/url-template-source.ts";
import { WorkflowRunner } from "../engine/workflow/workflow-runner.ts";
import { MemoryNonceStore } from "../faces/shared/memory-nonce-store.ts";
import type { NonceStore, RequestObserver } from "../faces/shared/ports.ts";
import { AesGcmCipher, loadOrCreateMasterKey, MasterKeyError, SealedSecretError } from "../storage/crypto/aes-gcm-cipher.ts";
import { SqlAccountRepository } from "../storage/sql/account-repository.ts";
import { cachedCatalogReads } from "../storage/sql/cached-catalog-repository.ts";
import { SqlCatalogRepository } from "../storage/sql/catalog-repository.ts";
import { SqlIamRepository } from "../storage/sql/iam-repository.ts";
import { SqlInstanceEventRepository, SqlUpgradeHistoryRepository } from "../storage/sql/instance-event-repository.ts";
import { SqlInstanceRepository } from "../storage/sql/instance-repository.ts";
import { openStore } from "../storage/sql/open-store.ts";
import { SqlNonceStore } from "../storage/sql/sql-nonce-store.ts";
import { SqlWorkflowRepository } from "../storage/sql/workflow-repository.ts";
import { accessKeyResolver } from "./access-key-resolver.ts";
import type { ServerConfig } from "./config.ts";
import { loadOrCreateNodeId } from "./node-id.ts";
import { PolicyAuthorizer } from "./policy-authorizer.ts";
import { registerFaces } from "./wire-faces.ts";
import { wireEas, wireMarket, wireProvisions, wireServiceStage, type ProductWiring } from "./wire-products.ts";

export interface WiringEnv {
  readonly log: Logger;
  readonly clock: Clock;
  readonly observer: RequestObserver;
}

export interface Wired {
  readonly core: Core;
  /** Operator account and root key (created on an empty store); see AccountService.bootstrapOperator. */
  bootstrap(): Promise<BootstrapResult>;
  /** Resolves when the store answers a trivial query; throws otherwise. */
  ping(): Promise<void>;
  /** Registers every face on the app (one port for all). */
  registerFaces(app: FastifyInstance): void;
  /** Closes the store. */
  close(): Promise<void>;
}

/** The store could not be opened (PostgreSQL unreachable, refused, missing database). */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreOpenError";
  }
}

/**
 * Errors an operator fixes by configuration, reported without a stack by `nestbox serve`: the
 * master key, a store that cannot be opened, secrets sealed under another key, and the
 * operator bootstrap refusing NESTBOX_ROOT_ACCESS_KEY_* (a DomainError at start).
 */
export const isStartupProblem = (e: unknown): boolean =>
  e instanceof MasterKeyError || e instanceof StoreOpenError || e instanceof SealedSecretError || isDomainError(e);

export async function wire(config: ServerConfig, env: WiringEnv): Promise<Wired> {
  const { log, clock, observer } = env;
  // The master key first: a wrong key must stop the start before the store is touched.
  const cipher = new AesGcmCipher(loadOrCreateMasterKey(config.dataDir, config.masterKey));
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }).catch((e: unknown) => {
    const reason = (e as Error).message || (e as NodeJS.ErrnoException).code || String(e);
    throw new StoreOpenError(`Cannot open the ${config.databaseUrl ? "PostgreSQL" : "embedded"} store: ${reason}`, { cause: e });
  });
  try {
    const accounts = new AccountService(new SqlAccountRepository(store.db, cipher), clock);
    // The embedded store is this process's alone (locked data directory), so its catalog reads
    // can be cached with exact invalidation; a shared PostgreSQL store is read through.
    const catalogRepository = config.databaseUrl ? new SqlCatalogRepository(store.db) : cachedCatalogReads(new SqlCatalogRepository(store.db));
    const catalog = new CatalogService(catalogRepository, clock, {
      // file: URLs stay refused (no roots): suppliers must not read the server's files.
      templateSource: new UrlTemplateSource({ fileRoots: [] }),
      reviewMode: config.reviewMode,
      log: log.child({ component: "catalog" }),
    });
    const regions = new RegionDirectory(config.regions, config.defaultRegion);

    // The engine: the local driver re-adopts replicas that outlived the last process; the runner
    // resumes unfinished workflows from their checkpoints once it starts claiming work.
    const driver = await openLocalDriver({ dataDir: config.dataDir, cipher, logger: log.child({ component: "driver" }) });
    // On a shared PostgreSQL store, workflows on this data directory's replicas are pinned to it.
    const nodeId = config.databaseUrl ? loadOrCreateNodeId(config.dataDir) : undefined;
    const runner = new WorkflowRunner(new SqlWorkflowRepository(store.db, store.dialect), clock, log.child({ component: "engine" }), { nodeId });
    const instanceRepository = new SqlInstanceRepository(store.db);
    const reporter: { instances: InstanceReporter["instances"]; service: InstanceReporter["service"] } = {
      instances: instanceRepository,
      service: undefined as never,
    };
    const products: ProductWiring = { db: store.db, runner, driver, regions, clock, log, dataDir: config.dataDir };
    const provisions = wireProvisions(products, catalog, accounts);
    const instances = new InstanceService({
      provisions,
      instances: instanceRepository,
      events: new SqlInstanceEventRepository(store.db),
      history: new SqlUpgradeHistoryRepository(store.db),
      catalog,
      planner: new TemplateDeploymentPlanner(),
      runtime: new EngineInstanceRuntime(runner, driver, reporter, clock),
      regions,
      clock,
      log: log.child({ component: "instances" }),
    });
    reporter.service = instances;
    const { market, sweeper: marketSweeper } = wireMarket(products, instances);
    // Every area's workflows register before the workers start.
    const { eas, loop: easLoop } = wireEas(products);
    const servicestage = wireServiceStage(products);
    const iam = new IamService(new SqlIamRepository(store.db, cipher), accounts, clock);
    const core: Core = { regions, accounts, catalog, instances, provisions, iam, eas, market, servicestage };

    // The embedded store is ours alone: what was running belonged to a process that died.
    if (!config.databaseUrl) await runner.adoptOrphans();
    runner.startWorkers();
    easLoop.start();
    marketSweeper.start();
    // Operations recorded but never queued (the process died in between) are queued again.
    void instances.resubmitPendingOperations().catch((e: unknown) => log.error({ err: String(e) }, "Failed to resubmit pending instance operations"));
    void servicestage.instances.resubmitPendingJobs().catch((e: unknown) => log.error({ err: String(e) }, "Failed to resubmit pending ServiceStage jobs"));

    // The embedded store is locked to this process, so nonces can live in memory; PostgreSQL may
    // be shared by several processes, which must then share the replay window too.
    const nonces: NonceStore = config.databaseUrl
      ? new SqlNonceStore(store.db, { clock, log: log.child({ component: "nonces" }) })
      : new MemoryNonceStore(clock);
    const resolveKey = accessKeyResolver(accounts, iam);
    const authorizer = new PolicyAuthorizer(iam.access);
    const accountDirectory = new SqlAccountRepository(store.db, cipher);

    return {
      core,
      bootstrap: () =>
        accounts.bootstrapOperator({ accessKeyId: config.rootAccessKeyId, accessKeySecret: config.rootAccessKeySecret }),
      ping: async () => {
        await sql`select 1`.execute(store.db);
      },
      registerFaces: (app) =>
        registerFaces(app, { core, resolveKey, nonces, authorizer, observer, clock, log, cipher, listAccounts: () => accountDirectory.listAccounts() }),
      async close() {
        await marketSweeper.stop();
        await easLoop.stop();
        await runner.stop();
        await driver.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
}
