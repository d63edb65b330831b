/**
 * The composition root: the one file that names concrete classes and connects them. Everything
 * the other slices export is used here and only here, so a changed constructor is fixed in one
 * place. Order: store -> master key + cipher -> repositories -> core services -> faces.
 */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { AccessKeyStatus, Principal } from "../core/accounts/account.ts";
import { AccountService, type BootstrapResult } from "../core/accounts/account-service.ts";
import { CatalogService } from "../core/catalog/catalog-service.ts";
import type { Core } from "../core/core.ts";
import { RegionDirectory } from "../core/regions.ts";
import type { Clock } from "../core/shared/clock.ts";
import { isDomainError } from "../core/shared/domain-error.ts";
import type { Logger } from "../core/shared/logger.ts";
import { UrlTemplateSource } from "../engine/template-source/url-template-source.ts";
import { computeNestOperations } from "../faces/alibaba-rpc/products/computenest/index.ts";
import { computeNestSupplierOperations } from "../faces/alibaba-rpc/products/computenestsupplier/index.ts";
import { marketOperations } from "../faces/alibaba-rpc/products/market/index.ts";
import { InstanceServiceLink } from "../core/market/instance-service-link.ts";
import { MarketService } from "../core/market/market-service.ts";
import { SqlMarketRepository } from "../storage/sql/market-repository.ts";
import { MarketSweeper } from "./market-sweeper.ts";
import { registerAlibabaRpcFace } from "../faces/alibaba-rpc/rpc-face.ts";
import type { NativeAdmin } from "../faces/native/native-admin.ts";
import { registerNativeFace } from "../faces/native/native-face.ts";
import { MemoryNonceStore } from "../faces/shared/memory-nonce-store.ts";
import type { AccessKeyResolver, NonceStore, RequestObserver } from "../faces/shared/ports.ts";
import { AesGcmCipher, loadOrCreateMasterKey, MasterKeyError, SealedSecretError } from "../storage/crypto/aes-gcm-cipher.ts";
import { SqlAccountRepository } from "../storage/sql/account-repository.ts";
import { SqlCatalogRepository } from "../storage/sql/catalog-repository.ts";
import { cachedCatalogReads } from "../storage/sql/cached-catalog-repository.ts";
import { openStore } from "../storage/sql/open-store.ts";
import { SqlNonceStore } from "../storage/sql/sql-nonce-store.ts";
import type { ServerConfig } from "./config.ts";
import { createNativeAuthenticate } from "./native-authenticate.ts";
import { PolicyAuthorizer } from "./policy-authorizer.ts";
import { IamService } from "../core/iam/iam-service.ts";
import { ramOperations } from "../faces/alibaba-rpc/products/ram/index.ts";
import { stsOperations } from "../faces/alibaba-rpc/products/sts/index.ts";
import { SqlIamRepository } from "../storage/sql/iam-repository.ts";
import { loadOrCreateNodeId } from "./node-id.ts";
import { InstanceService } from "../core/instances/instance-service.ts";
import { openLocalDriver } from "../engine/drivers/local-driver.ts";
import { EngineInstanceRuntime } from "../engine/instances/engine-instance-runtime.ts";
import type { InstanceReporter } from "../engine/instances/instance-reporter.ts";
import { TemplateDeploymentPlanner } from "../engine/template/deployment-planner.ts";
import { WorkflowRunner } from "../engine/workflow/workflow-runner.ts";
import { SqlInstanceEventRepository, SqlUpgradeHistoryRepository } from "../storage/sql/instance-event-repository.ts";
import { SqlInstanceRepository } from "../storage/sql/instance-repository.ts";
import { SqlWorkflowRepository } from "../storage/sql/workflow-repository.ts";
import { EasModule } from "../core/eas/eas-module.ts";
import { EngineEasRuntime } from "../engine/eas/engine-eas-runtime.ts";
import { EasReconcileLoop } from "../engine/eas/eas-reconcile-loop.ts";
import { SqlEasServiceRepository } from "../storage/sql/eas-service-repository.ts";
import { registerAlibabaRoaFace } from "../faces/alibaba-roa/roa-face.ts";
import { LateJobSink, ServiceStage } from "../core/servicestage/servicestage.ts";
import { ServiceStageEngine } from "../engine/servicestage/servicestage-engine.ts";
import { registerHuaweiFace } from "../faces/huawei/huawei-face.ts";
import { SealedTokens } from "../faces/huawei/keystone/token-issuer.ts";
import { LoginProfilePasswordVerifier } from "../faces/huawei/keystone/password-verifier.ts";
import { serviceStageOperations } from "../faces/huawei/servicestage/index.ts";
import { SqlServiceStageRepository } from "../storage/sql/servicestage-repository.ts";
import { easOperations } from "../faces/alibaba-roa/products/eas/index.ts";
import { easRegionFromHost, toEasError } from "../faces/alibaba-roa/products/eas/eas-errors.ts";
import { registerEasGateway } from "../faces/eas-gateway/eas-gateway.ts";
import { ProvisionService } from "../core/provisions/provision-service.ts";
import { roleDirectoryOf } from "../core/provisions/role-directory.ts";
import { SqlProductEnablementRepository } from "../storage/sql/provision-repository.ts";
import { SqlIamIdentityStore } from "../storage/sql/iam-identity-store.ts";

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
    // Products per account and the roles a service needs (the account's RAM roles answer).
    const iamRoles = new SqlIamIdentityStore(store.db);
    const provisions = new ProvisionService({
      catalog,
      planner: new TemplateDeploymentPlanner(),
      enablements: new SqlProductEnablementRepository(store.db),
      roles: roleDirectoryOf(async (accountId, roleName) => (await iamRoles.getRole(accountId, roleName)) !== undefined),
      accounts,
      clock,
      log: log.child({ component: "provisions" }),
    });
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
    // The Marketplace delivers purchases as service instances; its sweeper expires and closes them on time.
    const market = new MarketService({ repository: new SqlMarketRepository(store.db), link: new InstanceServiceLink(instances), clock, log: log.child({ component: "market" }) });
    const marketSweeper = new MarketSweeper(market.reconciler, { log: log.child({ component: "market-sweeper" }) });
    marketSweeper.start();
    // The embedded store is ours alone: what was running belonged to a process that died.
    if (!config.databaseUrl) await runner.adoptOrphans();
    // PAI-EAS: one local process resource per instance; the loop moves statuses by what the
    // replicas do, records crashes and autoscales. Its workflows register before the workers start.
    const easRuntime = new EngineEasRuntime(runner, driver);
    const eas = new EasModule({ repo: new SqlEasServiceRepository(store.db), runtime: easRuntime, regions, clock, log: log.child({ component: "eas" }) });
    easRuntime.reportTo(eas.services);
    const easLoop = new EasReconcileLoop(() => eas.reconciler.reconcileAll(), 1000, log.child({ component: "eas" }));
    // Huawei ServiceStage: each job is a workflow (registered before the workers start) over one
    // local process per replica; the late sink breaks the engine <-> core construction cycle.
    const servicestageSink = new LateJobSink();
    const servicestageLog = log.child({ component: "servicestage" });
    const servicestageEngine = new ServiceStageEngine(runner, driver, servicestageSink, { dataDir: config.dataDir, log: servicestageLog });
    const servicestage = new ServiceStage(new SqlServiceStageRepository(store.db), servicestageEngine, clock, servicestageLog);
    servicestageSink.target = servicestage.jobs;
    runner.startWorkers();
    easLoop.start();
    // Operations recorded but never queued (the process died in between) are queued again.
    void instances.resubmitPendingOperations().catch((e: unknown) => log.error({ err: String(e) }, "Failed to resubmit pending instance operations"));
    void servicestage.instances.resubmitPendingJobs().catch((e: unknown) => log.error({ err: String(e) }, "Failed to resubmit pending ServiceStage jobs"));
    const iam = new IamService(new SqlIamRepository(store.db, cipher), accounts, clock);
    const core: Core = { regions, accounts, catalog, instances, provisions, iam, eas, market, servicestage };

    // The embedded store is locked to this process, so nonces can live in memory; PostgreSQL may
    // be shared by several processes, which must then share the replay window too.
    const nonces: NonceStore = config.databaseUrl
      ? new SqlNonceStore(store.db, { clock, log: log.child({ component: "nonces" }) })
      : new MemoryNonceStore(clock);
    // Root and RAM user keys from the accounts; STS keys from their sessions (token and expiry
    // checked by the faces). A user's key names the user by its RAM name (AccessDeniedDetail).
    const resolveKey: AccessKeyResolver = async (accessKeyId) => {
      const session = await iam.sts.resolve(accessKeyId);
      if (session) {
        const { credential: c, principal } = session;
        return { accessKeyId, secret: c.secret, active: true, principal, temporary: { securityToken: c.securityToken, expiresAt: c.expiresAt } };
      }
      const found = await accounts.resolveAccessKey(accessKeyId);
      if (!found) return undefined;
      const user = found.principal.type === "SubUser" && found.principal.principalId ? await iam.users.findUserById(found.account.id, found.principal.principalId) : undefined;
      const principal = user ? { ...found.principal, displayName: user.name } : found.principal;
      return { accessKeyId: found.key.id, secret: found.key.secret, active: found.key.status === "Active", principal };
    };
    const authorizer = new PolicyAuthorizer(iam.access);

    return {
      core,
      bootstrap: () =>
        accounts.bootstrapOperator({ accessKeyId: config.rootAccessKeyId, accessKeySecret: config.rootAccessKeySecret }),
      ping: async () => {
        await sql`select 1`.execute(store.db);
      },
      registerFaces(app) {
        registerNativeFace(app, {
          admin: nativeAdmin(core),
          products: provisions,
          market: { service: core.market, authorizer, now: () => clock.now() },
          authenticate: createNativeAuthenticate({ resolveKey, nonces, clock }),
          observer,
          log: log.child({ face: "native" }),
        });
        registerAlibabaRpcFace(app, {
          operations: [...computeNestOperations, ...computeNestSupplierOperations, ...ramOperations, ...stsOperations, ...marketOperations],
          resolveKey,
          nonces,
          authorizer,
          observer,
          core,
          clock,
          log: log.child({ face: "alibaba-rpc" }),
        });
        registerAlibabaRoaFace(app, {
          operations: easOperations,
          resolveKey,
          nonces,
          authorizer,
          observer,
          core,
          clock,
          log: log.child({ face: "alibaba-roa" }),
          toError: toEasError,
          regionFromHost: easRegionFromHost,
        });
        registerEasGateway(app, { core, observer, log: log.child({ face: "eas-gateway" }) });
        // Keystone passwords are RAM users' login profiles; the domain is the account (by name).
        const accountDirectory = new SqlAccountRepository(store.db, cipher);
        registerHuaweiFace(app, {
          operations: serviceStageOperations,
          resolveKey,
          authorizer,
          observer,
          core,
          clock,
          tokens: new SealedTokens(cipher),
          passwords: new LoginProfilePasswordVerifier(iam.loginProfiles, () => accountDirectory.listAccounts()),
          log: log.child({ face: "huawei" }),
        });
      },
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

/** The native API's use-cases over the core services. */
function nativeAdmin(core: Core): NativeAdmin {
  const { accounts, catalog } = core;
  const setStatus = (caller: Principal, id: string, status: AccessKeyStatus) =>
    status === "Active" ? accounts.enableAccessKey(caller, id) : accounts.disableAccessKey(caller, id);
  return {
    createAccount: (caller, { name }) => accounts.createAccount(caller, name),
    listAccounts: (caller) => accounts.listAccounts(caller),
    createAccessKey: (caller, { accountId }) => accounts.createAccessKey(caller, accountId ?? caller.accountId),
    listAccessKeys: (caller, { accountId }) => accounts.listAccessKeys(caller, accountId ?? caller.accountId),
    setAccessKeyStatus: setStatus,
    deleteAccessKey: (caller, id) => accounts.deleteAccessKey(caller, id),
    async approveRegistration(caller, serviceId, version) {
      const registration = await catalog.approveRegistration(caller, serviceId, version);
      return { serviceId, version: registration.version, status: registration.status, registrationId: registration.id };
    },
  };
}
