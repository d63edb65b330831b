import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Service, SharedAccount } from "../../../src/core/catalog/service.ts";
import type { ServiceRegistration } from "../../../src/core/catalog/service-registration.ts";
import type { ServiceVersion } from "../../../src/core/catalog/service-version.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { newAccountId, newPrefixedId } from "../../../src/core/shared/ids.ts";
import type { Page } from "../../../src/core/shared/page.ts";
import { SqlCatalogRepository } from "../../../src/storage/sql/catalog-repository.ts";
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

const service = (owner: string, over: Partial<Service> = {}): Service => {
  const now = at();
  return {
    id: newPrefixedId("service"),
    ownerAccountId: owner,
    regionId: "cn-hangzhou",
    shareType: "Public",
    approvalType: "AutoPass",
    tags: [],
    defaultVersion: "draft",
    lastVersionNumber: 0,
    hasDraft: true,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
};

const version = (s: Service, over: Partial<ServiceVersion> = {}): ServiceVersion => ({
  serviceId: s.id,
  version: "draft",
  seq: 0,
  status: "Draft",
  deployType: "ros",
  serviceType: "private",
  serviceInfos: [{ locale: "en-US", name: "Plain", agreements: [], softwares: [] }],
  isSupportOperated: false,
  localeConfigs: [],
  resellable: false,
  templates: {},
  categories: [],
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  ...over,
});

const named = (s: Service, name: string, over: Partial<ServiceVersion> = {}) =>
  version(s, { serviceInfos: [{ locale: "en-US", name, agreements: [], softwares: [] }], ...over });

async function allPages<T>(fetch: (token?: string) => Promise<Page<T>>): Promise<{ items: T[]; pages: number; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetch(token);
    items.push(...page.items);
    totals.push(page.totalCount);
    token = page.nextToken || undefined;
    pages++;
    assert.ok(pages < 50, "paging did not end");
  } while (token);
  return { items, pages, totals };
}

for (const d of dialectsUnderTest()) {
  describe(`SqlCatalogRepository on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let repo: SqlCatalogRepository;

    before(async () => {
      store = await openTestDatabase(d.name);
      repo = new SqlCatalogRepository(store.db);
    });
    after(async () => {
      await store?.close();
    });

    test("a service and its versions read back as written, optional fields included", async () => {
      const s = service(newAccountId(), {
        resourceGroupId: "rg-1",
        tags: [{ key: "b", value: "2" }, { key: "a", value: "" }],
        clientToken: "tok-1",
        requestHash: "h1",
      });
      const draft = version(s, {
        versionName: "v1",
        deployMetadata: '{"TemplateConfigs":[]}',
        operationMetadata: "{}",
        compliancePacks: ["p1"],
        policyNames: "a,b",
        duration: 3600,
        trialDuration: 7,
        tenantType: "SingleTenant",
        localeConfigs: [{ originalValue: "Name", enValue: "Name", zhValue: "名称" }],
        serviceInfos: [
          {
            locale: "zh-CN",
            name: "数据库",
            image: "https://i",
            shortDescription: "s",
            longDescriptionUrl: "https://l",
            agreements: [{ name: "EULA", url: "https://e" }],
            softwares: [{ name: "MySQL", version: "8" }],
          },
        ],
        templates: { Default: "ROSTemplateFormatVersion: '2015-09-01'\n" },
        statusDetail: "ok",
      });
      const one = version(s, {
        version: "1",
        seq: 1,
        status: "Online",
        registrationId: "sr-1",
        categories: ["DevOps"],
        publishedAt: at(),
      });
      assert.equal(await repo.write({ service: s, versions: [draft, one] }), true);
      assert.deepEqual(await repo.getService(s.id), s);
      assert.deepEqual(await repo.getVersion(s.id, "draft"), draft);
      assert.deepEqual(await repo.listVersions(s.id), [draft, one]);
      assert.deepEqual(await repo.getServiceByClientToken(s.ownerAccountId, "tok-1"), s);
      assert.equal(await repo.getService(newPrefixedId("service")), undefined);
      assert.equal(await repo.getVersion(s.id, "2"), undefined);
    });

    test("a duplicate id or client token is AlreadyExists and leaves the first intact", async () => {
      const owner = newAccountId();
      const first = service(owner, { clientToken: "same" });
      await repo.write({ service: first, versions: [version(first)] });
      await rejectsWith(repo.write({ service: { ...first, shareType: "Hidden", clientToken: undefined } }), "AlreadyExists", "SERVICE_ALREADY_EXISTS");
      await rejectsWith(repo.write({ service: service(owner, { clientToken: "same" }) }), "AlreadyExists", "CLIENT_TOKEN_TAKEN");
      // Another owner may use the same token.
      assert.equal(await repo.write({ service: service(newAccountId(), { clientToken: "same" }) }), true);
      assert.deepEqual(await repo.getService(first.id), first);
    });

    test("writes are compare-and-set on the revision: a stale writer changes nothing", async () => {
      const s = service(newAccountId());
      await repo.write({ service: s, versions: [version(s)] });
      const next = { ...s, revision: 2, shareType: "Restricted" as const, updatedAt: at() };
      assert.equal(await repo.write({ service: next, expectedRevision: 1, versions: [version(s, { versionName: "changed" })] }), true);
      const stale = { ...s, revision: 2, shareType: "Hidden" as const };
      assert.equal(await repo.write({ service: stale, expectedRevision: 1, versions: [version(s, { versionName: "lost" })] }), false);
      assert.deepEqual(await repo.getService(s.id), next);
      assert.equal((await repo.getVersion(s.id, "draft"))?.versionName, "changed");
    });

    test("two writers racing on one revision: exactly one wins", async () => {
      const s = service(newAccountId());
      await repo.write({ service: s, versions: [version(s)] });
      // PostgreSQL: a second pool, as a second nestbox process. SQLite is locked to one process,
      // whose single connection serialises transactions; race on the same handle.
      const other = d.name === "postgres" ? store.reopen() : undefined;
      try {
        const repo2 = other ? new SqlCatalogRepository(other.db) : repo;
        const results = await Promise.all([
          repo.write({ service: { ...s, revision: 2, shareType: "Restricted" }, expectedRevision: 1 }),
          repo2.write({ service: { ...s, revision: 2, shareType: "Hidden" }, expectedRevision: 1 }),
        ]);
        assert.equal(results.filter(Boolean).length, 1);
        const stored = await repo.getService(s.id);
        assert.equal(stored?.revision, 2);
        assert.equal(stored?.shareType, results[0] ? "Restricted" : "Hidden");
      } finally {
        await other?.close();
      }
    });

    test("a registration and shared accounts are stored with the service", async () => {
      const s = service(newAccountId());
      const reg: ServiceRegistration = {
        id: newPrefixedId("sr"),
        serviceId: s.id,
        ownerAccountId: s.ownerAccountId,
        version: "1",
        status: "Submitted",
        submittedAt: at(),
        updatedAt: at(),
      };
      await repo.write({ service: s, versions: [version(s)], registrations: [reg] });
      assert.deepEqual(await repo.getRegistration(reg.id), reg);
      const approved = { ...reg, status: "Approved" as const, comment: "ok", finishedAt: at(), updatedAt: at() };
      await repo.write({ service: { ...s, revision: 2 }, expectedRevision: 1, registrations: [approved] });
      assert.deepEqual(await repo.getRegistration(reg.id), approved);
      assert.equal(await repo.getRegistration("sr-missing"), undefined);
    });

    describe("listServices", () => {
      const owner = newAccountId();
      const other = newAccountId();
      const viewer = newAccountId();
      const ids: Record<string, string> = {};

      before(async () => {
        await store.db.insertInto("accounts").values({ id: owner, name: `Supplier ${owner}`, is_operator: 0, created_at: 1 }).execute();
        // a: public, draft default + online v1 (default v1)
        const a = service(owner, { defaultVersion: "1", lastVersionNumber: 1, tags: [{ key: "env", value: "prod" }] });
        await repo.write({ service: a, versions: [named(a, "Alpha DB"), named(a, "Alpha DB", { version: "1", seq: 1, status: "Online" })] });
        // b: restricted, online v1, shared with viewer
        const b = service(owner, { shareType: "Restricted", defaultVersion: "1", lastVersionNumber: 1, tags: [{ key: "env", value: "dev" }] });
        await repo.write({ service: b, versions: [named(b, "Beta 100%_off"), named(b, "Beta 100%_off", { version: "1", seq: 1, status: "Online" })] });
        await repo.putSharedAccounts([{ serviceId: b.id, accountId: viewer, permission: "Accessible", createdAt: at(), updatedAt: at() }]);
        // c: hidden, online v1, not shared
        const c = service(owner, { shareType: "Hidden", defaultVersion: "1", lastVersionNumber: 1, resourceGroupId: "rg-c" });
        await repo.write({ service: c, versions: [named(c, "Gamma"), named(c, "Gamma", { version: "1", seq: 1, status: "Online" })] });
        // d: public draft only
        const d = service(owner);
        await repo.write({ service: d, versions: [named(d, "Delta draft")] });
        // e: deleted
        const e = service(owner, { deletedAt: at() });
        await repo.write({ service: e, versions: [named(e, "Epsilon")] });
        // f: another supplier's public online service
        const f = service(other, { defaultVersion: "1", lastVersionNumber: 1 });
        await repo.write({ service: f, versions: [named(f, "Foxtrot", { version: "1", seq: 1, status: "Online" })] });
        Object.assign(ids, { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id, f: f.id });
      });

      const list = (q: Parameters<SqlCatalogRepository["listServices"]>[0], max = 100) => repo.listServices(q, { maxResults: max });
      const idsOf = (page: Page<{ service: Service; version: ServiceVersion }>) => page.items.map((i) => `${i.service.id}/${i.version.version}`);

      test("the supplier view lists the owner's live services, newest first, default versions only", async () => {
        const page = await list({ ownerAccountId: owner, allVersions: false });
        assert.deepEqual(idsOf(page), [`${ids.d}/draft`, `${ids.c}/1`, `${ids.b}/1`, `${ids.a}/1`]);
        assert.equal(page.totalCount, 4);
        assert.equal(page.nextToken, "");
        assert.equal(page.items[0]!.supplierName, `Supplier ${owner}`);
      });

      test("AllVersions lists every live version, draft first within a service", async () => {
        const page = await list({ ownerAccountId: owner, allVersions: true, serviceIds: [ids.a!, ids.d!] });
        assert.deepEqual(idsOf(page), [`${ids.d}/draft`, `${ids.a}/draft`, `${ids.a}/1`]);
      });

      test("filters: status, version, names (substring, case-insensitive, wildcards literal), exact name, keyword, tags, group, supplier", async () => {
        const base = { ownerAccountId: owner, allVersions: true } as const;
        assert.deepEqual(idsOf(await list({ ...base, statuses: ["Draft"], serviceIds: [ids.a!] })), [`${ids.a}/draft`]);
        assert.deepEqual(idsOf(await list({ ...base, versions: ["1"], names: ["alpha"] })), [`${ids.a}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, names: ["100%_"] })), [`${ids.b}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, names: ["100%x"] })), []);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, names: ["ph", "ELT"] })).length, 2);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, exactName: "alpha db" })), [`${ids.a}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, exactName: "alpha" })), []);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, keyword: ids.c!.slice(-8) })), [`${ids.c}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, tags: [{ key: "env" }] })), [`${ids.b}/1`, `${ids.a}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, tags: [{ key: "env", value: "dev" }] })), [`${ids.b}/1`]);
        assert.deepEqual(idsOf(await list({ ...base, allVersions: false, resourceGroupId: "rg-c" })), [`${ids.c}/1`]);
        assert.equal((await list({ ...base, allVersions: false, supplierNames: [`Supplier ${owner}`] })).totalCount, 4);
        assert.equal((await list({ ...base, allVersions: false, supplierNames: ["nobody"] })).totalCount, 0);
      });

      test("the user view shows Online versions of public or shared services, and the owner's own", async () => {
        const seen = await list({ viewerAccountId: viewer, allVersions: false });
        assert.ok(idsOf(seen).includes(`${ids.a}/1`));
        assert.ok(idsOf(seen).includes(`${ids.b}/1`));
        assert.ok(idsOf(seen).includes(`${ids.f}/1`));
        for (const hidden of [ids.c, ids.d, ids.e]) assert.ok(!idsOf(seen).some((k) => k.startsWith(hidden!)), `${hidden} leaked`);
        assert.equal(seen.items.find((i) => i.service.id === ids.b)?.sharedPermission, "Accessible");
        assert.equal(seen.items.find((i) => i.service.id === ids.a)?.sharedPermission, undefined);

        const stranger = await list({ viewerAccountId: newAccountId(), allVersions: false, serviceIds: [ids.a!, ids.b!, ids.c!, ids.d!] });
        assert.deepEqual(idsOf(stranger), [`${ids.a}/1`]);

        const own = await list({ viewerAccountId: owner, allVersions: false, serviceIds: [ids.c!, ids.d!] });
        assert.deepEqual(idsOf(own), [`${ids.d}/draft`, `${ids.c}/1`]);
      });

      test("a malformed NextToken is InvalidArgument naming NextToken", async () => {
        await assert.rejects(repo.listServices({ ownerAccountId: owner, allVersions: false }, { maxResults: 5, nextToken: "bm90LWpzb24=" }), (e: unknown) => {
          assert.ok(e instanceof DomainError);
          assert.equal(e.kind, "InvalidArgument");
          assert.equal(e.details.parameter, "NextToken");
          return true;
        });
      });
    });

    test("keyset paging walks every row once in order, ending with an empty NextToken", async () => {
      const owner = newAccountId();
      const made: string[] = [];
      for (let i = 0; i < 23; i++) {
        const s = service(owner, i % 3 === 0 ? { defaultVersion: "1" } : {});
        const versions = i % 3 === 0 ? [version(s), version(s, { version: "1", seq: 1, status: "Approved" })] : [version(s)];
        await repo.write({ service: s, versions });
        made.push(s.id);
      }
      const { items, pages, totals } = await allPages((token) =>
        repo.listServices({ ownerAccountId: owner, allVersions: true }, { maxResults: 5, nextToken: token }),
      );
      const expected = [...made].reverse().flatMap((id, i) => ((22 - i) % 3 === 0 ? [`${id}/draft`, `${id}/1`] : [`${id}/draft`]));
      assert.deepEqual(items.map((i) => `${i.service.id}/${i.version.version}`), expected);
      assert.equal(pages, Math.ceil(expected.length / 5));
      assert.ok(totals.every((t) => t === expected.length));
    });

    test("ordering by last change puts the most recently changed service first", async () => {
      const owner = newAccountId();
      const a = service(owner);
      const b = service(owner);
      await repo.write({ service: a, versions: [version(a)] });
      await repo.write({ service: b, versions: [version(b)] });
      await repo.write({ service: { ...a, revision: 2, updatedAt: at() }, expectedRevision: 1 });
      const byUpdate = await repo.listServices({ ownerAccountId: owner, allVersions: false, orderBy: "updatedAt" }, { maxResults: 10 });
      assert.deepEqual(byUpdate.items.map((i) => i.service.id), [a.id, b.id]);
      const byCreate = await repo.listServices({ ownerAccountId: owner, allVersions: false }, { maxResults: 10 });
      assert.deepEqual(byCreate.items.map((i) => i.service.id), [b.id, a.id]);
    });

    test("shared accounts: re-adding updates the permission and keeps the creation time; lists are per owner", async () => {
      const owner = newAccountId();
      const s = service(owner, { shareType: "Restricted" });
      const t = service(owner, { shareType: "Restricted" });
      await repo.write({ service: s, versions: [version(s)] });
      await repo.write({ service: t, versions: [version(t)] });
      const u1 = newAccountId();
      const u2 = newAccountId();
      const first: SharedAccount = { serviceId: s.id, accountId: u1, permission: "Accessible", createdAt: at(), updatedAt: at() };
      await repo.putSharedAccounts([first, { ...first, accountId: u2, createdAt: at(), updatedAt: at() }]);
      await repo.putSharedAccounts([{ ...first, permission: "Deployable", createdAt: at(), updatedAt: at() }]);
      await repo.putSharedAccounts([{ serviceId: t.id, accountId: u1, permission: "Deployable", createdAt: at(), updatedAt: at() }]);
      const got = await repo.getSharedAccount(s.id, u1);
      assert.equal(got?.permission, "Deployable");
      assert.deepEqual(got?.createdAt, first.createdAt);

      const all = await allPages((token) => repo.listSharedAccounts({ ownerAccountId: owner }, { maxResults: 2, nextToken: token }));
      assert.equal(all.items.length, 3);
      assert.deepEqual(all.totals, [3, 3]);
      assert.equal((await repo.listSharedAccounts({ ownerAccountId: owner, serviceId: s.id }, { maxResults: 10 })).totalCount, 2);
      assert.equal((await repo.listSharedAccounts({ ownerAccountId: owner, accountIds: [u1] }, { maxResults: 10 })).totalCount, 2);
      assert.equal((await repo.listSharedAccounts({ ownerAccountId: owner, permission: "Accessible" }, { maxResults: 10 })).totalCount, 1);
      assert.equal((await repo.listSharedAccounts({ ownerAccountId: newAccountId() }, { maxResults: 10 })).totalCount, 0);

      assert.equal(await repo.removeSharedAccounts(s.id, [u1, newAccountId()]), 1);
      assert.equal(await repo.removeSharedAccounts(s.id, [u1]), 0);
      assert.equal(await repo.getSharedAccount(s.id, u1), undefined);
    });

    test("registrations list newest first, filtered by owner, service and status, page by page", async () => {
      const owner = newAccountId();
      const s = service(owner);
      const regs: ServiceRegistration[] = Array.from({ length: 5 }, (_, i) => ({
        id: newPrefixedId("sr"),
        serviceId: s.id,
        ownerAccountId: owner,
        version: String(i + 1),
        status: i === 4 ? "Submitted" : "Executed",
        submittedAt: at(),
        updatedAt: at(),
      }));
      await repo.write({ service: s, versions: [version(s)], registrations: regs });
      const { items } = await allPages((token) => repo.listRegistrations({ ownerAccountId: owner }, { maxResults: 2, nextToken: token }));
      assert.deepEqual(items.map((r) => r.id), regs.map((r) => r.id).reverse());
      const pending = await repo.listRegistrations({ serviceId: s.id, statuses: ["Submitted"] }, { maxResults: 10 });
      assert.deepEqual(pending.items.map((r) => r.version), ["5"]);
    });
  });
}
