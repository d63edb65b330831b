import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, type CompiledQuery } from "kysely";
import type { Principal } from "../../../src/core/accounts/account.ts";
import { CatalogService } from "../../../src/core/catalog/catalog-service.ts";
import type { ServiceInstance } from "../../../src/core/instances/service-instance.ts";
import { ManualClock } from "../../../src/core/shared/clock.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { newAccountId, newPrefixedId } from "../../../src/core/shared/ids.ts";
import type { Page } from "../../../src/core/shared/page.ts";
import { UrlTemplateSource } from "../../../src/engine/template-source/url-template-source.ts";
import { SqlCatalogRepository } from "../../../src/storage/sql/catalog-repository.ts";
import { SqlInstanceEventRepository, SqlUpgradeHistoryRepository } from "../../../src/storage/sql/instance-event-repository.ts";
import { SqlInstanceRepository } from "../../../src/storage/sql/instance-repository.ts";
import type { DB } from "../../../src/storage/sql/schema.ts";
import { helloDeployMetadata } from "../../conformance/alibaba-rpc/catalog-context.ts";
import { newInstanceService } from "../../conformance/alibaba-rpc/instance-context.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../../support/dialects.ts";

const rejectsWith = (p: Promise<unknown>, kind: string, code: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    assert.equal(e.code, code);
    return true;
  });

let tick = 0;
/** Distinct, increasing times so "newest first" is well defined. */
const at = () => new Date(Date.UTC(2026, 10, 23, 10) + ++tick * 1000 + 7);

const instance = (accountId: string, over: Partial<ServiceInstance> = {}): ServiceInstance => {
  const now = at();
  return {
    id: newPrefixedId("si"),
    accountId,
    supplierAccountId: "1000000000000001",
    regionId: "cn-hangzhou",
    name: "plain",
    serviceId: "service-00000000000000000001",
    serviceVersion: "1",
    templateName: "Default",
    status: "Deployed",
    statusDetail: "deploy successfully",
    progress: 100,
    parameters: { Replicas: 2 },
    noEchoParameters: [],
    outputs: {},
    resources: [],
    stackId: "2b1f0c0e-0000-4000-8000-000000000000",
    source: "User",
    serviceType: "private",
    payType: "Permanent",
    bizStatus: "Normal",
    enableInstanceOps: false,
    tags: [],
    keepOnFailure: true,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
};

async function allPages<T>(fetch: (token?: string) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(token);
    items.push(...page.items);
    token = page.nextToken || undefined;
    assert.ok(++pages < 50, "paging did not end");
  } while (token);
  return items;
}

for (const d of dialectsUnderTest()) {
  describe(`SqlInstanceRepository on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let repo: SqlInstanceRepository;

    before(async () => {
      store = await openTestDatabase(d.name);
      repo = new SqlInstanceRepository(store.db);
    });
    after(async () => {
      await store?.close();
    });

    test("an instance reads back exactly as written, every optional field included", async () => {
      const full = instance(newAccountId(), {
        specificationName: "Small",
        parameters: { Replicas: 1, Password: "s3cret", Nested: { a: [1, "b"] } },
        noEchoParameters: ["Password"],
        outputs: { Url: { value: "http://x", noEcho: false, description: "where" }, Token: { value: "t", noEcho: true } },
        resources: [
          { logicalId: "Web", type: "Nestbox::Local::Process", physicalId: "p-1", status: "Created", propertiesHash: "abc", createdAt: at() },
          { logicalId: "Db", type: "Nestbox::Local::Process", physicalId: "", status: "Pending" },
        ],
        grantedPermission: { policyNames: "AliyunECSReadOnlyAccess", operationEndTime: at() },
        operationStartTime: at(),
        operationEndTime: at(),
        marketInstanceId: "7040059",
        orderId: "2100",
        components: { package_version: "yuncode5398300001" },
        resourceGroupId: "rg-abc",
        tags: [{ key: "b", value: "2" }, { key: "a", value: "" }],
        endTime: at(),
        activeWorkflowId: "wf-1",
        currentOperation: { operation: "Upgrade", idempotencyKey: "k", args: { targetVersion: "2" }, requestedAt: at() },
        enableUserPrometheus: true,
        deletedAt: at(),
      });
      await repo.create(full, { clientToken: "tok-full", requestHash: "h-full" });
      assert.deepEqual(await repo.get(full.id), full);
      assert.deepEqual(await repo.getByMarketInstanceId("7040059"), full);
      assert.deepEqual(await repo.getByClientToken(full.accountId, "tok-full"), { instance: full, requestHash: "h-full" });
      const plain = instance(newAccountId());
      await repo.create(plain);
      assert.deepEqual(await repo.get(plain.id), plain);
      assert.equal(await repo.get(newPrefixedId("si")), undefined);
      assert.equal(await repo.getByClientToken(plain.accountId, "tok-full"), undefined);
    });

    test("a taken id or a reused ClientToken is refused with a stable code", async () => {
      const account = newAccountId();
      const first = instance(account);
      await repo.create(first, { clientToken: "tok-dup", requestHash: "h" });
      await rejectsWith(repo.create(instance(account), { clientToken: "tok-dup", requestHash: "h" }), "AlreadyExists", "CLIENT_TOKEN_TAKEN");
      await rejectsWith(repo.create({ ...instance(account), id: first.id }), "AlreadyExists", "SERVICE_INSTANCE_ALREADY_EXISTS");
      // The same token in another account is another request.
      await repo.create(instance(newAccountId()), { clientToken: "tok-dup", requestHash: "h" });
      // Nothing of a refused create is left behind.
      assert.equal((await repo.list({ accountId: account }, { maxResults: 10 })).totalCount, 1);
    });

    test("update is compare-and-set on updatedAt and rewrites the tags", async () => {
      const i = instance(newAccountId(), { tags: [{ key: "env", value: "dev" }] });
      await repo.create(i);
      const next = { ...i, status: "Stopping" as const, tags: [{ key: "env", value: "prod" }], updatedAt: at() };
      assert.equal(await repo.update(next, new Date(i.updatedAt.getTime() - 1)), false);
      assert.equal(await repo.update(next, i.updatedAt), true);
      assert.equal(await repo.update({ ...next, updatedAt: at() }, i.updatedAt), false, "the old token is spent");
      assert.deepEqual(await repo.get(i.id), next);
      assert.equal((await repo.list({ accountId: i.accountId, tags: [{ key: "env", value: "dev" }] }, { maxResults: 5 })).totalCount, 0);
      assert.equal((await repo.list({ accountId: i.accountId, tags: [{ key: "env", value: "prod" }] }, { maxResults: 5 })).totalCount, 1);
      assert.equal(await repo.update(instance(newAccountId())), false, "a missing instance is not created");
    });

    test("lists filter, keep Deleted out unless asked, and page newest first without repeats", async () => {
      const owner = newAccountId();
      const supplier = newAccountId();
      const made: ServiceInstance[] = [];
      for (let n = 0; n < 7; n++) {
        const i = instance(owner, {
          supplierAccountId: supplier,
          name: n === 3 ? "Web-Frontend" : `svc-${n}`,
          status: n === 6 ? "Deleted" : n % 2 ? "Stopped" : "Deployed",
          serviceId: n < 4 ? "service-a" : "service-b",
          serviceVersion: n < 2 ? "1" : "2",
          serviceType: n === 5 ? "poc" : "private",
          enableInstanceOps: n === 4,
          resourceGroupId: n === 2 ? "rg-x" : undefined,
          tags: n === 1 ? [{ key: "team", value: "blue" }] : [],
        });
        await repo.create(i);
        made.push(i);
      }
      await repo.create(instance(newAccountId(), { supplierAccountId: supplier, name: "someone-else" }));
      const ids = (page: Page<ServiceInstance>) => page.items.map((i) => i.id);
      const list = (f: Parameters<SqlInstanceRepository["list"]>[0], max = 100) => repo.list(f, { maxResults: max });

      const all = await list({ accountId: owner });
      assert.deepEqual(ids(all), made.slice(0, 6).reverse().map((i) => i.id));
      assert.equal(all.totalCount, 6);
      assert.equal(all.nextToken, "");
      assert.equal((await list({ accountId: owner, includeDeleted: true })).totalCount, 7);
      assert.equal((await list({ supplierAccountId: supplier })).totalCount, 7);
      assert.equal((await list({ supplierAccountId: supplier, accountIds: [owner] })).totalCount, 6);
      assert.deepEqual(ids(await list({ accountId: owner, names: ["web"] })), [made[3]!.id], "one name matches a part, any case");
      assert.deepEqual(ids(await list({ accountId: owner, names: ["svc-1", "svc-2", "web"] })), [made[2]!.id, made[1]!.id], "several names match exactly");
      assert.equal((await list({ accountId: owner, names: ["%"] })).totalCount, 0, "LIKE wildcards are literal");
      assert.equal((await list({ accountId: owner, statuses: ["Stopped"] })).totalCount, 3);
      assert.equal((await list({ accountId: owner, serviceIds: ["service-b"], versions: ["2"] })).totalCount, 2);
      assert.deepEqual(ids(await list({ accountId: owner, serviceTypes: ["poc"] })), [made[5]!.id]);
      assert.deepEqual(ids(await list({ accountId: owner, enableInstanceOps: true })), [made[4]!.id]);
      assert.deepEqual(ids(await list({ accountId: owner, resourceGroupId: "rg-x" })), [made[2]!.id]);
      assert.deepEqual(ids(await list({ accountId: owner, tags: [{ key: "team" }] })), [made[1]!.id]);
      assert.deepEqual(ids(await list({ accountId: owner, ids: [made[0]!.id, made[6]!.id] })), [made[0]!.id]);

      const paged = await allPages((token) => repo.list({ accountId: owner, includeDeleted: true }, { maxResults: 3, nextToken: token }));
      assert.deepEqual(paged.map((i) => i.id), made.slice().reverse().map((i) => i.id));
      await rejectsWith(repo.list({ accountId: owner }, { maxResults: 3, nextToken: "not-a-token" }), "InvalidArgument", "INVALID_ARGUMENT");
    });

    test("TotalCount from the counter rows follows creates, status changes and row deletes", async () => {
      const owner = newAccountId();
      const supplier = newAccountId();
      const total = async (f: Parameters<SqlInstanceRepository["list"]>[0]) => (await repo.list(f, { maxResults: 1 })).totalCount;
      // A name filter always COUNTs rows: the reference the counter sums must agree with.
      const counted = async (f: Parameters<SqlInstanceRepository["list"]>[0]) => total({ ...f, names: ["plain"] });
      const made = await Promise.all(
        [0, 1, 2, 3].map(async () => {
          const i = instance(owner, { supplierAccountId: supplier });
          await repo.create(i);
          return i;
        }),
      );
      assert.equal(await total({ accountId: owner, statuses: ["Deployed"] }), 4);
      assert.ok(await repo.update({ ...made[0]!, status: "Stopping", updatedAt: at() }));
      assert.ok(await repo.update({ ...made[1]!, status: "Deleted", updatedAt: at() }));
      assert.ok(await repo.update({ ...made[2]!, name: "plain", statusDetail: "renamed only", updatedAt: at() }));
      for (const f of [
        { accountId: owner },
        { accountId: owner, statuses: ["Deployed" as const] },
        { accountId: owner, statuses: ["Stopping" as const, "Deployed" as const] },
        { accountId: owner, includeDeleted: true },
        { supplierAccountId: supplier, statuses: ["Deleted" as const], includeDeleted: true },
        { supplierAccountId: supplier, serviceIds: ["service-00000000000000000001"] },
      ]) {
        assert.equal(await total(f), await counted(f), JSON.stringify(f));
      }
      assert.equal(await total({ accountId: owner }), 3);
      assert.equal(await total({ accountId: owner, statuses: ["Deployed"] }), 2);
      await store.db.deleteFrom("instances").where("id", "=", made[3]!.id).execute();
      assert.equal(await total({ accountId: owner, statuses: ["Deployed"] }), 1);
      assert.equal(await total({ supplierAccountId: supplier, includeDeleted: true }), 3);
    });

    test("pending operations are the ones without an attached workflow, oldest first", async () => {
      const base = await repo.listPendingOperations(100);
      const older = instance(newAccountId(), { status: "Created", currentOperation: { operation: "Deploy", idempotencyKey: "a", args: {}, requestedAt: at() } });
      const newer = instance(newAccountId(), { status: "Stopping", currentOperation: { operation: "Stop", idempotencyKey: "b", args: {}, requestedAt: at() } });
      const attached = instance(newAccountId(), { activeWorkflowId: "wf", currentOperation: { operation: "Stop", idempotencyKey: "c", args: {}, requestedAt: at() } });
      for (const i of [newer, attached, older]) await repo.create(i);
      const pending = (await repo.listPendingOperations(100)).filter((i) => !base.some((b) => b.id === i.id));
      assert.deepEqual(pending.map((i) => i.id), [older.id, newer.id]);
      await repo.update({ ...older, activeWorkflowId: "wf-9", updatedAt: at() }, older.updatedAt);
      assert.ok(!(await repo.listPendingOperations(100)).some((i) => i.id === older.id));
    });

    test("events page in append order both ways and filter by time, status and resource", async () => {
      const events = new SqlInstanceEventRepository(store.db);
      const i = instance(newAccountId());
      await repo.create(i);
      const t0 = at();
      const names = ["Created", "Deploying", "Deployed", "Stopping", "Stopped"];
      for (const [n, status] of names.entries()) {
        await events.append({ instanceId: i.id, timestamp: new Date(t0.getTime() + n * 1000), status, content: `step ${n}`, ...(n === 2 ? { resourceId: "Web", resourceType: "Nestbox::Local::Process" } : {}) });
      }
      const asc: string[] = [];
      let token = "";
      do {
        const page = await events.list(i.id, { order: "asc", limit: 2, after: token || undefined });
        asc.push(...page.events.map((e) => e.status));
        token = page.nextToken;
      } while (token);
      assert.deepEqual(asc, names);
      const desc = await events.list(i.id, { order: "desc", limit: 10 });
      assert.deepEqual(desc.events.map((e) => e.status), [...names].reverse());
      assert.equal(desc.nextToken, "");
      assert.deepEqual(desc.events[2], { instanceId: i.id, timestamp: new Date(t0.getTime() + 2000), status: "Deployed", content: "step 2", resourceId: "Web", resourceType: "Nestbox::Local::Process" });
      const window = await events.list(i.id, { order: "asc", limit: 10, from: new Date(t0.getTime() + 1000), to: new Date(t0.getTime() + 3000) });
      assert.deepEqual(window.events.map((e) => e.status), ["Deploying", "Deployed"]);
      assert.deepEqual((await events.list(i.id, { order: "asc", limit: 10, statuses: ["Stopped", "Created"] })).events.map((e) => e.status), ["Created", "Stopped"]);
      assert.deepEqual((await events.list(i.id, { order: "asc", limit: 10, resourceIds: ["Web"] })).events.map((e) => e.status), ["Deployed"]);
      await rejectsWith(events.list(i.id, { order: "asc", limit: 2, after: "bad" }), "InvalidArgument", "INVALID_ARGUMENT");
    });

    test("upgrade history: append, finish, newest first, and the last successful upgrade", async () => {
      const history = new SqlUpgradeHistoryRepository(store.db);
      const i = instance(newAccountId());
      await repo.create(i);
      const up = { id: newPrefixedId("sih"), instanceId: i.id, fromVersion: "1", toVersion: "2", type: "Upgrade" as const, status: "upgrading" as const, startTime: at(), previousParameters: { Replicas: 2 } };
      await history.append(up);
      await rejectsWith(history.append(up), "AlreadyExists", "UPGRADE_HISTORY_ALREADY_EXISTS");
      assert.equal(await history.latestWith(i.id, "Upgrade", "UpgradeSuccessful"), undefined);
      const done = { ...up, status: "UpgradeSuccessful" as const, endTime: at(), results: { Succeeded: true } };
      assert.equal(await history.update(done), true);
      assert.equal(await history.update({ ...done, id: "sih-missing" }), false);
      assert.deepEqual(await history.get(up.id), done);
      const back = { id: newPrefixedId("sih"), instanceId: i.id, fromVersion: "2", toVersion: "1", type: "Rollback" as const, status: "upgrading" as const, startTime: at() };
      await history.append(back);
      assert.deepEqual(await history.latestWith(i.id, "Upgrade", "UpgradeSuccessful"), done);
      const first = await history.list(i.id, { maxResults: 1 });
      assert.deepEqual(first.items, [back]);
      assert.equal(first.totalCount, 2);
      const second = await history.list(i.id, { maxResults: 1, nextToken: first.nextToken });
      assert.deepEqual(second.items, [done]);
      assert.equal(second.nextToken, "");
    });

    test("twenty concurrent identical CreateServiceInstance calls make one instance", async () => {
      const clock = new ManualClock(new Date("2026-11-23T10:00:00Z"));
      const catalog = new CatalogService(new SqlCatalogRepository(store.db), clock, { templateSource: new UrlTemplateSource({ fileRoots: [] }) });
      const supplier = await account(store, "race-supplier");
      const customer = await account(store, "race-customer");
      const created = await catalog.createService(supplier, { regionId: "cn-hangzhou", deployType: "ros", shareType: "Public", serviceInfos: [{ locale: "en-US", name: "Racer" }], deployMetadata: helloDeployMetadata() });
      await catalog.registerService(supplier, created.service.id);
      await catalog.launchService(supplier, created.service.id, "1");
      const { service, runtime } = newInstanceService(catalog, clock, {
        instances: new SqlInstanceRepository(store.db),
        events: new SqlInstanceEventRepository(store.db),
        history: new SqlUpgradeHistoryRepository(store.db),
      });
      // On PostgreSQL a second handle races like a second nestbox process would. The embedded
      // store is locked to one process, and one better-sqlite3 handle is all it ever has.
      const second = d.name === "postgres" ? store.reopen() : { db: store.db, close: async () => {} };
      const { service: other, runtime: otherRuntime } = newInstanceService(catalog, clock, {
        instances: new SqlInstanceRepository(second.db),
        events: new SqlInstanceEventRepository(second.db),
        history: new SqlUpgradeHistoryRepository(second.db),
      });
      try {
        const input = { regionId: "cn-hangzhou", serviceId: created.service.id, name: "racer", clientToken: "race-token", parameters: { Replicas: 3 } };
        const results = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? other : service).create(customer, input)));
        assert.equal(new Set(results.map((r) => r.instance.id)).size, 1);
        const listed = await service.list(customer, {});
        assert.equal(listed.totalCount, 1);
        // Whichever handle won submits the deployment; the two together submit it once.
        const submitted = [...runtime.submissions, ...otherRuntime.submissions];
        assert.equal(new Set(submitted.map((s) => s.idempotencyKey)).size, 1);
        await rejectsWith(service.create(customer, { ...input, parameters: { Replicas: 4 } }), "Conflict", "IDEMPOTENT_PARAMETER_MISMATCH");
      } finally {
        await second.close();
      }
    });
  });
}

async function account(store: TestDatabase, name: string): Promise<Principal> {
  const id = newAccountId();
  await store.db.insertInto("accounts").values({ id, name: `${name}-${id.slice(-6)}`, is_operator: 0, created_at: Date.now() }).execute();
  return { accountId: id, type: "Root", displayName: name, accessKeyId: `LTAI${id}`, isOperator: false };
}

describe("instance list queries on SQLite use the indexes", () => {
  let store: TestDatabase;
  let raw: Database.Database;
  const captured: CompiledQuery[] = [];
  let repo: SqlInstanceRepository;

  before(async () => {
    store = await openTestDatabase("sqlite");
    raw = new Database(store.location.file!);
    const logged = new Kysely<DB>({
      dialect: new SqliteDialect({ database: new Database(store.location.file!) }),
      log: (e) => {
        if (e.level === "query") captured.push(e.query);
      },
    });
    repo = new SqlInstanceRepository(logged);
  });
  after(async () => {
    raw?.close();
    await store?.close();
  });

  /** The plan of every captured SELECT of one call: no full table scan and no sort outside an index. */
  async function planOf(call: () => Promise<unknown>): Promise<string> {
    captured.length = 0;
    await call();
    return captured
      .filter((q) => q.sql.startsWith("select"))
      .map((q) => (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join("; "))
      .join("\n");
  }

  test("a user's page, filtered by status and continued by keyset, searches an index in order", async () => {
    const owner = newAccountId();
    for (let n = 0; n < 5; n++) await repo.create(instance(owner, { status: n % 2 ? "Stopped" : "Deployed" }));
    const first = await repo.list({ accountId: owner }, { maxResults: 2 });
    for (const plan of [
      await planOf(() => repo.list({ accountId: owner }, { maxResults: 2, nextToken: first.nextToken })),
      await planOf(() => repo.list({ accountId: owner, statuses: ["Stopped"] }, { maxResults: 2 })),
      await planOf(() => repo.list({ supplierAccountId: "1000000000000001" }, { maxResults: 2 })),
    ]) {
      assert.match(plan, /USING (COVERING )?INDEX instances_/, plan);
      assert.doesNotMatch(plan, /SCAN i\b|SCAN instances\b/, plan);
    }
    const keyset = await planOf(() => repo.list({ accountId: owner }, { maxResults: 2, nextToken: first.nextToken }));
    assert.doesNotMatch(keyset.split("\n")[0]!, /TEMP B-TREE/, "the page is read in index order, not sorted");
  });
});
