import type { DialectName } from "../../../src/storage/sql/dialects/dialect.ts";
import type { Principal } from "../../../src/core/accounts/account.ts";
import { CatalogService, type ReviewMode } from "../../../src/core/catalog/catalog-service.ts";
import type { TemplateSource } from "../../../src/core/catalog/template-source.ts";
import type { Core } from "../../../src/core/core.ts";
import { RegionDirectory } from "../../../src/core/regions.ts";
import { ManualClock } from "../../../src/core/shared/clock.ts";
import { newAccountId, newRequestId } from "../../../src/core/shared/ids.ts";
import { silentLogger } from "../../../src/core/shared/logger.ts";
import { UrlTemplateSource } from "../../../src/engine/template-source/url-template-source.ts";
import type { RequestContext } from "../../../src/faces/shared/request-context.ts";
import { cachedCatalogReads } from "../../../src/storage/sql/cached-catalog-repository.ts";
import { SqlCatalogRepository } from "../../../src/storage/sql/catalog-repository.ts";
import { openTestDatabase, type TestDatabase } from "../../support/dialects.ts";

/**
 * A migrated SQLite store with a CatalogService, and RequestContexts for callers, so operation
 * tests call `op.run(ctx, input)` the way the RPC face will after parsing and authorising.
 */
export interface CatalogTestContext {
  readonly store: TestDatabase;
  readonly catalog: CatalogService;
  readonly clock: ManualClock;
  /** A new account (with a name in the accounts table) and its root principal. */
  account(name?: string, options?: { operator?: boolean }): Promise<Principal>;
  ctx(caller: Principal): RequestContext;
  close(): Promise<void>;
}

export async function catalogTestContext(
  options: { reviewMode?: ReviewMode; templateSource?: TemplateSource; dialect?: DialectName; cachedReads?: boolean } = {},
): Promise<CatalogTestContext> {
  const store = await openTestDatabase(options.dialect ?? "sqlite");
  const clock = new ManualClock(new Date("2026-11-23T10:00:00.000Z"));
  const repository = new SqlCatalogRepository(store.db);
  // cachedReads: the embedded store's wiring (catalog point reads served from memory).
  const catalog = new CatalogService(options.cachedReads ? cachedCatalogReads(repository) : repository, clock, {
    templateSource: options.templateSource ?? new UrlTemplateSource({ fileRoots: [] }),
    reviewMode: options.reviewMode,
  });
  const regions = new RegionDirectory();
  const core = { regions, catalog } as unknown as Core;
  let n = 0;
  return {
    store,
    catalog,
    clock,
    async account(name, opts = {}) {
      const id = newAccountId();
      await store.db
        .insertInto("accounts")
        .values({ id, name: name ?? `account-${++n}-${id.slice(-4)}`, is_operator: opts.operator ? 1 : 0, created_at: clock.now().getTime() })
        .execute();
      return { accountId: id, type: "Root", displayName: name ?? id, accessKeyId: `LTAI${id}`, isOperator: opts.operator === true };
    },
    ctx(caller) {
      return {
        requestId: newRequestId(),
        caller,
        regionId: "cn-hangzhou",
        host: "127.0.0.1:8800",
        sourceIp: "127.0.0.1",
        secureTransport: false,
        core,
        clock,
        log: silentLogger,
      };
    },
    close: () => store.close(),
  };
}

/** The hello-web template (examples/hello-web/template.yaml), inline. */
export const HELLO_TEMPLATE = `ROSTemplateFormatVersion: '2015-09-01'
Parameters:
  Replicas: {Type: Number, Default: 2, MinValue: 1, MaxValue: 10}
  Greeting: {Type: String, Default: hello, AllowedPattern: '^[a-z]+$'}
Resources:
  Web:
    Type: Nestbox::Local::Process
    Properties:
      Command: node
      Args: ['-e', "require('http').createServer((q, s) => s.end(process.env.GREETING)).listen(process.env.PORT)"]
      Env: {GREETING: {Ref: Greeting}}
      Replicas: {Ref: Replicas}
      ReadinessCheck: {Http: /}
Outputs:
  Url: {Value: {'Fn::GetAtt': [Web, Url]}}
`;

export const helloDeployMetadata = (body = HELLO_TEMPLATE) =>
  JSON.stringify({
    TemplateConfigs: [
      { Name: "Default", TemplateBody: body, PredefinedParameters: [{ Name: "Small", Parameters: { Replicas: 1 } }] },
    ],
  });
