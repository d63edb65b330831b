// GetServiceInstance and ListServiceInstances (one filter, a page of 20) against 1,000 and
// 100,000 stored instances, on SQLite and PostgreSQL, measured at the domain service (the SQL and
// mapping a request does, without HTTP). `node --import tsx bench/instance-store.bench.ts`
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openTestDatabase } from "../tests/support/dialects.ts";
import type { DialectName } from "../src/storage/sql/dialects/dialect.ts";
import { CatalogService } from "../src/core/catalog/catalog-service.ts";
import { SqlCatalogRepository } from "../src/storage/sql/catalog-repository.ts";
import { UrlTemplateSource } from "../src/engine/template-source/url-template-source.ts";
import { InstanceService } from "../src/core/instances/instance-service.ts";
import { SqlInstanceRepository } from "../src/storage/sql/instance-repository.ts";
import { SqlInstanceEventRepository, SqlUpgradeHistoryRepository } from "../src/storage/sql/instance-event-repository.ts";
import { TemplateDeploymentPlanner } from "../src/engine/template/deployment-planner.ts";
import { RegionDirectory } from "../src/core/regions.ts";
import { systemClock } from "../src/core/shared/clock.ts";
import { silentLogger } from "../src/core/shared/logger.ts";
import type { Principal } from "../src/core/accounts/account.ts";

const TEMPLATE = "ROSTemplateFormatVersion: '2015-09-01'\nResources: {A: {Type: Nestbox::Random::String}}";
const STATUSES = ["Deployed", "Deployed", "Deployed", "Stopped", "DeployedFailed"] as const;

export interface StoreFigures {
  readonly dialect: DialectName;
  readonly instances: number;
  readonly get: { perSecond: number; p99Ms: number };
  readonly list: { perSecond: number; p99Ms: number };
}

async function measure(fn: () => Promise<unknown>, n: number) {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { perSecond: Math.round((n / total) * 1000), p99Ms: Number(times[Math.floor(n * 0.99)]!.toFixed(3)) };
}

export async function runInstanceStoreBench(dialect: DialectName, counts: number[]): Promise<StoreFigures[]> {
  const store = await openTestDatabase(dialect);
  try {
    const now = new Date();
    const account = async (name: string): Promise<Principal> => {
      const id = String(1_000_000_000_000_000 + Math.floor(Math.random() * 1e12));
      await store.db.insertInto("accounts").values({ id, name, is_operator: 0, created_at: now.getTime() }).execute();
      return { accountId: id, type: "Root", displayName: name, accessKeyId: "LTAIbench", isOperator: false };
    };
    const supplier = await account("bench-supplier");
    const customer = await account("bench-customer");
    const catalog = new CatalogService(new SqlCatalogRepository(store.db), systemClock, { templateSource: new UrlTemplateSource({ fileRoots: [] }) });
    const created = await catalog.createService(supplier, {
      regionId: "cn-hangzhou",
      deployType: "ros",
      shareType: "Public",
      serviceInfos: [{ locale: "en-US", name: "bench", shortDescription: "bench" }],
      deployMetadata: JSON.stringify({ TemplateConfigs: [{ Name: "Default", TemplateBody: TEMPLATE }] }),
    });
    await catalog.registerService(supplier, created.service.id);
    await catalog.launchService(supplier, created.service.id, "1");
    const repo = new SqlInstanceRepository(store.db);
    const service = new InstanceService({
      instances: repo,
      events: new SqlInstanceEventRepository(store.db),
      history: new SqlUpgradeHistoryRepository(store.db),
      catalog,
      planner: new TemplateDeploymentPlanner(),
      runtime: { submit: async () => "wf-bench", resourceLogs: async () => [], observeResources: async () => [] },
      regions: new RegionDirectory(),
      clock: systemClock,
      log: silentLogger,
    });
    const { instance: first } = await service.create(customer, { regionId: "cn-hangzhou", serviceId: created.service.id, name: "seed" });
    const seedRow = (await store.db.selectFrom("instances").selectAll().where("id", "=", first!.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
    const figures: StoreFigures[] = [];
    let stored = 1;
    for (const count of counts) {
      // Seed in large transactions: the benchmark is about reading, not about writing.
      while (stored < count) {
        const batch = Math.min(5000, count - stored);
        const rows: Record<string, unknown>[] = [];
        for (let i = 0; i < batch; i++) {
          const n = stored + i;
          const at = now.getTime() - n * 1000;
          rows.push({ ...seedRow, id: `si-${randomBytes(10).toString("hex")}`, name: `bench-${n}`, status: STATUSES[n % STATUSES.length]!, client_token: null, pending_at: null, created_at: at, updated_at: at });
        }
        await store.db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += 200) await trx.insertInto("instances").values(rows.slice(i, i + 200) as never).execute();
        });
        stored += batch;
      }
      const sampleIds = (await store.db.selectFrom("instances").select("id").limit(500).execute()).map((r) => r.id);
      let k = 0;
      const get = await measure(() => service.get(customer, { serviceInstanceId: sampleIds[k++ % sampleIds.length]! }), 3000);
      const list = await measure(() => service.list(customer, { statuses: ["Deployed"], maxResults: 20 } as never), 1000);
      figures.push({ dialect, instances: count, get, list });
      process.stdout.write(`${dialect} ${count}: get ${get.perSecond}/s p99 ${get.p99Ms} ms; list ${list.perSecond}/s p99 ${list.p99Ms} ms\n`);
    }
    return figures;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = [1_000, 100_000];
  await runInstanceStoreBench("sqlite", counts);
  if (process.env.NESTBOX_TEST_DATABASE_URL) await runInstanceStoreBench("postgres", counts);
}
