// ListServiceInstances (InstanceStatus filter, Sort=StartTime desc, a page of 20) with 1,000 and
// 100,000 replica records kept, on SQLite and PostgreSQL, measured at the domain service
// (EasInstanceOperations.list: the store lookup, the runtime observation and the mapping a
// request does, without HTTP), like bench/instance-store.bench.ts.
// A service has at most 100 instances (EAS' own limit), so 100,000 replicas are 1,000 services of
// 100 instances each. Replica records live where the runtime keeps them (the driver's table of
// resources, here the in-memory FakeDriver behind the real EngineEasRuntime, since 100,000 real
// processes do not fit on one machine); services live in the SQL store.
// `NESTBOX_TEST_DATABASE_URL=postgres://... node --import tsx bench/eas-instances.bench.ts`
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { openTestDatabase } from "../tests/support/dialects.ts";
import type { DialectName } from "../src/storage/sql/dialects/dialect.ts";
import { EasModule } from "../src/core/eas/eas-module.ts";
import { SqlEasServiceRepository } from "../src/storage/sql/eas-service-repository.ts";
import { EngineEasRuntime } from "../src/engine/eas/engine-eas-runtime.ts";
import { slotProperties, slotRef } from "../src/engine/eas/eas-workflows.ts";
import { FakeDriver } from "../src/engine/drivers/fake-driver.ts";
import type { WorkflowRunner } from "../src/engine/workflow/workflow-runner.ts";
import { specRunSpec } from "../src/core/eas/eas-spec.ts";
import { RegionDirectory } from "../src/core/regions.ts";
import { systemClock } from "../src/core/shared/clock.ts";
import { silentLogger } from "../src/core/shared/logger.ts";
import type { Principal } from "../src/core/accounts/account.ts";

const PER_SERVICE = 100;
const REGION = "cn-hangzhou";

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

export async function runEasInstancesBench(dialect: DialectName, counts: number[]) {
  const store = await openTestDatabase(dialect);
  try {
    const caller: Principal = { accountId: String(1_000_000_000_000_000 + Math.floor(Math.random() * 1e12)), type: "Root", displayName: "bench", accessKeyId: "LTAIbench", isOperator: false };
    const driver = new FakeDriver({ recordCalls: false });
    // Only observe() is measured; operations are accepted and never run.
    const runner = { nodeId: undefined, register() {}, start: async () => "wf-bench", listBySubject: async () => [], placementOf: async () => undefined } as unknown as WorkflowRunner;
    const runtime = new EngineEasRuntime(runner, driver);
    const eas = new EasModule({ repo: new SqlEasServiceRepository(store.db), runtime, regions: new RegionDirectory(), clock: systemClock, log: silentLogger });
    const spec = { metadata: { name: "bench_0", instance: PER_SERVICE, cpu: 1, memory: 1000 }, containers: [{ script: "exec true", port: 8000 }] };
    const first = await eas.services.create(caller, { regionId: REGION, spec });
    const seedRow = (await store.db.selectFrom("eas_services").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow()) as Record<string, unknown>;
    const properties = slotProperties(specRunSpec(spec));
    const addReplicas = async (serviceId: string) => {
      for (let slot = 0; slot < PER_SERVICE; slot++) await driver.apply({ ...slotRef(serviceId, slot), properties });
    };
    await addReplicas(first.id);
    const names: string[] = ["bench_0"];
    const figures = [];
    for (const count of counts) {
      const services = count / PER_SERVICE;
      while (names.length < services) {
        const batch = Math.min(500, services - names.length);
        const rows: Record<string, unknown>[] = [];
        for (let i = 0; i < batch; i++) rows.push({ ...seedRow, id: `eas-m-${randomBytes(10).toString("hex")}`, name: `bench_${names.length + i}` });
        await store.db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += 100) await trx.insertInto("eas_services").values(rows.slice(i, i + 100) as never).execute();
        });
        for (const row of rows) {
          await addReplicas(String(row.id));
          names.push(String(row.name));
        }
      }
      let k = 0;
      const list = await measure(
        () => eas.instances.list(caller, REGION, names[k++ % names.length]!, { status: "Running", sort: "StartTime", order: "desc", pageNumber: 1, pageSize: 20 }),
        2000,
      );
      const page = await eas.instances.list(caller, REGION, names[0]!, { status: "Running", sort: "StartTime", order: "desc", pageNumber: 1, pageSize: 20 });
      if (page.items.length !== 20 || page.totalCount !== PER_SERVICE) throw new Error(`Unexpected page: ${page.items.length} items of ${page.totalCount}`);
      figures.push({ dialect, replicas: count, list });
      process.stdout.write(`${dialect} ${count} replicas (${services} services): list ${list.perSecond}/s p99 ${list.p99Ms} ms\n`);
    }
    return figures;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = [1_000, 100_000];
  await runEasInstancesBench("sqlite", counts);
  if (process.env.NESTBOX_TEST_DATABASE_URL) await runEasInstancesBench("postgres", counts);
}
