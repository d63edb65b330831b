// The ServiceStage repository on both stores: unique names, paging with count, compare-and-set
// instance updates, snapshots kept once, job tasks upserted in order.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../../src/core/shared/domain-error.ts";
import type { Application, ComponentInstance, Job } from "../../src/core/servicestage/servicestage-model.ts";
import { SqlServiceStageRepository } from "../../src/storage/sql/servicestage-repository.ts";
import { dialectsUnderTest, openTestDatabase } from "../support/dialects.ts";

const app = (id: string, name: string, at: number): Application => ({
  id, projectId: "p1", accountId: "a1", name, description: "", creator: "root", enterpriseProjectId: "0", unifiedModel: null, createdAt: at, updatedAt: at,
});

for (const { name, skip } of dialectsUnderTest()) {
  describe(`ServiceStage repository on ${name}`, { skip }, () => {
    test("names are unique per project; lists page with a total count and order", async () => {
      const db = await openTestDatabase(name);
      try {
        const repo = new SqlServiceStageRepository(db.db);
        for (let i = 0; i < 5; i++) await repo.createApplication(app(`id-${i}`, `app-${i}`, 1000 + i));
        await assert.rejects(repo.createApplication(app("other", "app-1", 2000)), (e) => e instanceof DomainError && e.kind === "AlreadyExists");
        await repo.createApplication({ ...app("elsewhere", "app-1", 2000), projectId: "p2" });
        const page = await repo.listApplications("p1", { limit: 2, offset: 1 });
        assert.equal(page.count, 5);
        assert.deepEqual(page.items.map((a) => a.name), ["app-3", "app-2"]);
        const byName = await repo.listApplications("p1", { orderBy: "name", order: "asc" });
        assert.deepEqual(byName.items.map((a) => a.name), ["app-0", "app-1", "app-2", "app-3", "app-4"]);
        assert.equal(await repo.getApplication("p2", "id-1"), undefined);
      } finally {
        await db.close();
      }
    });

    test("instances update under compare-and-set; snapshots are kept once; tasks upsert", async () => {
      const db = await openTestDatabase(name);
      try {
        const repo = new SqlServiceStageRepository(db.db);
        const spec = { version: "1.0.0", flavorId: "MICRO-5G:0.5C:1G", artifacts: {}, configuration: {}, description: "", externalAccesses: [], referResources: [] };
        const instance: ComponentInstance = {
          id: "i1", projectId: "p1", accountId: "a1", applicationId: "app", componentId: "c1", environmentId: "e1", name: "web", spec, replica: 1,
          desiredState: "Running", replicas: [], operation: null, lastJobId: null, lastJobStatus: null, failDetail: null, creator: "root", createdAt: 1, updatedAt: 1,
        };
        await repo.createInstance(instance);
        assert.equal(await repo.updateInstance({ ...instance, replica: 2, updatedAt: 2 }, 1), true);
        assert.equal(await repo.updateInstance({ ...instance, replica: 3, updatedAt: 3 }, 1), false);
        assert.equal((await repo.findInstance("i1"))?.replica, 2);
        assert.equal(await repo.countInstances({ environmentId: "e1" }), 1);

        await repo.putSnapshot({ instanceId: "i1", version: "1.0.0", description: "first", spec, createdAt: 5 });
        await repo.putSnapshot({ instanceId: "i1", version: "1.0.0", description: "again", spec, createdAt: 6 });
        assert.equal((await repo.getSnapshot("i1", "1.0.0"))?.description, "first");

        const job = { id: "JOB1", projectId: "p1", accountId: "a1", instanceId: "i1", kind: "create", type: "PROVISION", name: "create", description: "", status: "SUBMITTED", createdBy: "root", request: {} as never, createdAt: 1, updatedAt: 1 } satisfies Job;
        await repo.createJob(job);
        assert.deepEqual((await repo.listSubmittedJobs()).map((j) => j.id), ["JOB1"]);
        await repo.updateJobStatus("JOB1", "RUNNING", 7);
        assert.equal((await repo.getJob("JOB1"))?.status, "RUNNING");
        for (const [index, id, status] of [[1, "prepare", "RUNNING"], [2, "round-0", "RUNNING"], [1, "prepare", "SUCCEEDED"]] as const) {
          await repo.putTask({ jobId: "JOB1", index, id, name: id, type: "T", status, messages: "", createdAt: 1, updatedAt: 1 });
        }
        const tasks = await repo.listTasks("JOB1", { desc: true });
        assert.equal(tasks.count, 2);
        assert.deepEqual(tasks.items.map((t) => [t.id, t.status]), [["round-0", "RUNNING"], ["prepare", "SUCCEEDED"]]);
        assert.equal(await repo.deleteInstance("i1"), true);
        assert.equal(await repo.getSnapshot("i1", "1.0.0"), undefined);
      } finally {
        await db.close();
      }
    });
  });
}
