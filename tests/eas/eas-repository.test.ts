// The EAS repository contract on both dialects: uniqueness per account and region,
// compare-and-set updates, ListServices filters/sort/paging, versions, events, delete.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { EasService } from "../../src/core/eas/eas-service.ts";
import { DomainError } from "../../src/core/shared/domain-error.ts";
import { SqlEasServiceRepository } from "../../src/storage/sql/eas-service-repository.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../support/dialects.ts";

const t0 = new Date("2026-01-01T00:00:00Z");

function service(name: string, over: Partial<EasService> = {}): EasService {
  return {
    id: `eas-m-${name}`,
    name,
    accountId: "1001",
    callerUid: "1001",
    regionId: "cn-hangzhou",
    status: "Running",
    reason: "RUNNING",
    message: "",
    spec: { metadata: { name, instance: 1, type: "Standard" }, containers: [{ script: "x" }] },
    currentVersion: 1,
    latestVersion: 1,
    slots: [0],
    nextSlot: 1,
    accessToken: "tok",
    labels: [],
    workspaceId: "",
    develop: false,
    safetyLock: "none",
    isolated: [],
    detached: [],
    generations: {},
    createdAt: t0,
    updatedAt: t0,
    ...over,
  };
}

for (const dialect of dialectsUnderTest()) {
  describe(`EAS repository (${dialect.name})`, { skip: dialect.skip }, () => {
    let db: TestDatabase;
    let repo: SqlEasServiceRepository;
    before(async () => {
      db = await openTestDatabase(dialect.name);
      repo = new SqlEasServiceRepository(db.db);
    });
    after(() => db?.close());

    test("create, read back exactly, a taken name is AlreadyExists", async () => {
      const s = service("alpha", {
        labels: [{ key: "team", value: "ml" }],
        operation: { kind: "Create", requestedAt: t0, key: "k1", args: { version: 1 } },
        cronScaler: { jobs: [{ name: "j", schedule: "* * * * *", targetSize: 1, timeZone: "", createdAt: t0 }], excludeDates: [] },
      });
      await repo.create(s, { serviceId: s.id, version: 1, spec: s.spec, message: "m", createdAt: t0 });
      assert.deepEqual(await repo.get(s.id), s);
      assert.deepEqual(await repo.getByName("1001", "cn-hangzhou", "alpha"), s);
      assert.equal(await repo.getByName("1002", "cn-hangzhou", "alpha"), undefined);
      await assert.rejects(repo.create({ ...s, id: "eas-m-other" }, { serviceId: "eas-m-other", version: 1, spec: {}, message: "", createdAt: t0 }), (e: unknown) => e instanceof DomainError && e.kind === "AlreadyExists");
      await repo.create(service("alpha", { id: "eas-m-alpha2", accountId: "1002" }), { serviceId: "eas-m-alpha2", version: 1, spec: {}, message: "", createdAt: t0 });
      assert.equal((await repo.findByName("cn-hangzhou", "alpha")).length, 2);
    });

    test("update is compare-and-set on updatedAt", async () => {
      const s = (await repo.get("eas-m-alpha"))!;
      const next = { ...s, status: "Stopped" as const, updatedAt: new Date(t0.getTime() + 1) };
      assert.equal(await repo.update(next, t0), true);
      assert.equal(await repo.update({ ...next, status: "Running" }, t0), false, "lost the race");
      assert.equal((await repo.get(s.id))!.status, "Stopped");
    });

    test("list filters, label filter, sort and paging with a total", async () => {
      for (const [i, name] of ["bravo", "charlie", "delta"].entries()) {
        const s = service(name, { createdAt: new Date(t0.getTime() + (i + 1) * 1000), labels: name === "charlie" ? [{ key: "team", value: "ml" }] : [], autoscaler: name === "delta" ? { min: 1, max: 2, strategies: [], scaleUpWindowSeconds: 0, scaleDownWindowSeconds: 300, behavior: {} } : undefined });
        await repo.create(s, { serviceId: s.id, version: 1, spec: s.spec, message: "", createdAt: t0 });
      }
      const names = async (f: object, order = { by: "CreateTime" as const, desc: true }, page = { offset: 0, limit: 10 }) =>
        (await repo.list({ accountId: "1001", regionId: "cn-hangzhou", ...f }, order, page)).items.map((s) => s.name);
      assert.deepEqual(await names({}), ["delta", "charlie", "bravo", "alpha"]);
      assert.deepEqual(await names({}, { by: "CreateTime", desc: false }), ["alpha", "bravo", "charlie", "delta"]);
      assert.deepEqual(await names({ nameLike: "HAR" }), ["charlie"]);
      assert.deepEqual(await names({ labels: { team: "ml" } }), ["charlie", "alpha"]);
      assert.deepEqual(await names({ status: "Stopped" }), ["alpha"]);
      assert.deepEqual(await names({ autoscalerEnabled: true }), ["delta"]);
      assert.deepEqual(await names({ cronscalerEnabled: true }), ["alpha"]);
      const page = await repo.list({ accountId: "1001", regionId: "cn-hangzhou" }, { by: "ServiceName", desc: false }, { offset: 2, limit: 2 });
      assert.deepEqual([page.items.map((s) => s.name), page.totalCount], [["charlie", "delta"], 4]);
    });

    test("versions newest first, events by time, delete removes everything", async () => {
      await repo.addVersion({ serviceId: "eas-m-alpha", version: 2, spec: { v: 2 }, message: "two", createdAt: t0 });
      await repo.addVersion({ serviceId: "eas-m-alpha", version: 2, spec: { v: 2 }, message: "two", createdAt: t0 });
      const v = await repo.listVersions("eas-m-alpha", { offset: 0, limit: 10 });
      assert.deepEqual([v.totalCount, v.items.map((x) => x.version)], [2, [2, 1]]);
      assert.deepEqual((await repo.getVersion("eas-m-alpha", 2))?.spec, { v: 2 });
      for (const n of [1, 2, 3]) await repo.appendEvent({ serviceId: "eas-m-alpha", at: new Date(t0.getTime() + n * 1000), type: n === 2 ? "Warning" : "Normal", reason: `r${n}`, resource: "Service", message: "{}" });
      const e = await repo.listEvents("eas-m-alpha", { from: t0, to: new Date(t0.getTime() + 10_000), offset: 0, limit: 10 });
      assert.deepEqual(e.items.map((x) => x.reason), ["r1", "r2", "r3"]);
      assert.equal((await repo.listEvents("eas-m-alpha", { from: t0, to: new Date(t0.getTime() + 10_000), type: "Warning", offset: 0, limit: 10 })).totalCount, 1);
      await repo.delete("eas-m-alpha");
      assert.equal(await repo.get("eas-m-alpha"), undefined);
      assert.equal((await repo.listVersions("eas-m-alpha", { offset: 0, limit: 10 })).totalCount, 0);
      assert.equal((await repo.listEvents("eas-m-alpha", { from: t0, to: new Date(t0.getTime() + 10_000), offset: 0, limit: 10 })).totalCount, 0);
    });
  });
}
