import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../../support/dialects.ts";
import { SqlWorkflowRepository } from "../../../src/storage/sql/workflow-repository.ts";
import type { WorkflowRecord } from "../../../src/core/workflows/workflow.ts";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

function record(id: string, extra: Partial<WorkflowRecord> = {}): WorkflowRecord {
  return {
    id,
    name: "demo",
    subjectId: "si-1",
    input: { n: 1 },
    status: "PENDING",
    progress: 0,
    statusDetail: "",
    leaseEpoch: 0,
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}

for (const d of dialectsUnderTest()) {
  describe(`workflow repository on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    let repo: SqlWorkflowRepository;
    before(async () => {
      store = await openTestDatabase(d.name);
      repo = new SqlWorkflowRepository(store.db, d.name);
    });
    after(async () => store?.close());

    test("create with an idempotency key returns the first workflow again", async () => {
      const a = await repo.create(record("wf-a", { idempotencyKey: "k1" }));
      const b = await repo.create(record("wf-b", { idempotencyKey: "k1" }));
      assert.equal(a.created, true);
      assert.equal(b.created, false);
      assert.equal(b.record.id, "wf-a");
      assert.deepEqual(b.record.input, { n: 1 });
    });

    test("claim takes a pending workflow once, bumps the epoch, and skips other names", async () => {
      await repo.create(record("wf-c", { name: "other", createdAt: at(-1000) }));
      const first = await repo.claim("w1", at(0), at(1000), ["demo"]);
      assert.equal(first?.id, "wf-a");
      assert.equal(first?.status, "RUNNING");
      assert.equal(first?.leaseEpoch, 1);
      const second = await repo.claim("w2", at(0), at(1000), ["demo"]);
      assert.equal(second, undefined, "nothing else named demo is claimable");
    });

    test("an expired lease is taken over and the stale owner is fenced out", async () => {
      const lease1 = { workflowId: "wf-a", owner: "w1", epoch: 1 };
      assert.equal(await repo.checkpoint(lease1, { workflowId: "wf-a", stepKey: "s1", output: 1, createdAt: at(10) }, at(1000)), true);
      assert.equal(await repo.claim("w2", at(500), at(2000), ["demo"]), undefined, "lease still valid");
      const taken = await repo.claim("w2", at(1500), at(3000), ["demo"]);
      assert.equal(taken?.leaseOwner, "w2");
      assert.equal(taken?.leaseEpoch, 2);
      assert.equal(await repo.checkpoint(lease1, { workflowId: "wf-a", stepKey: "s2", output: 2, createdAt: at(1600) }, at(4000)), false);
      assert.equal(await repo.renewLease(lease1, at(9000)), false);
      assert.equal(await repo.setProgress(lease1, 50, "x", at(1600)), false);
      const lease2 = { workflowId: "wf-a", owner: "w2", epoch: 2 };
      assert.equal(await repo.checkpoint(lease2, { workflowId: "wf-a", stepKey: "s2", output: { ok: true }, createdAt: at(1700) }, at(4000)), true);
      const cps = await repo.listCheckpoints("wf-a");
      assert.deepEqual(cps.map((c) => [c.stepKey, c.output]), [["s1", 1], ["s2", { ok: true }]]);
    });

    test("finish records the outcome and ends the lease; cancel only touches unfinished ones", async () => {
      const lease2 = { workflowId: "wf-a", owner: "w2", epoch: 2 };
      assert.equal(await repo.finish(lease2, { status: "SUCCEEDED", result: { r: 1 }, statusDetail: "done", progress: 100 }, at(1800)), true);
      const r = await repo.get("wf-a");
      assert.equal(r?.status, "SUCCEEDED");
      assert.deepEqual(r?.result, { r: 1 });
      assert.equal(r?.leaseOwner, undefined);
      assert.equal(await repo.cancel("wf-a", at(1900)), false);
      assert.equal(await repo.cancel("wf-c", at(1900)), true);
      assert.equal((await repo.get("wf-c"))?.status, "CANCELLED");
      assert.equal((await repo.listBySubject("si-1")).length, 2);
    });

    test("claimById takes one specific workflow and release makes it claimable at once", async () => {
      await repo.create(record("wf-d", { createdAt: at(2000) }));
      const c = await repo.claimById("wf-d", "w3", at(2000), at(60_000));
      assert.equal(c?.leaseOwner, "w3");
      assert.equal(await repo.claimById("wf-d", "w4", at(2001), at(60_000)), undefined);
      assert.equal(await repo.release({ workflowId: "wf-d", owner: "w3", epoch: c!.leaseEpoch }, at(2002)), true);
      assert.equal((await repo.claim("w4", at(2003), at(60_000), ["demo"]))?.id, "wf-d");
    });

    test("releaseAll makes every running workflow claimable at once", async () => {
      await repo.create(record("wf-orphan", { name: "orphan", createdAt: at(4000) }));
      const held = await repo.claim("dead", at(4000), at(999_999), ["orphan"]);
      assert.equal(held?.id, "wf-orphan");
      assert.equal(await repo.claim("alive", at(4001), at(999_999), ["orphan"]), undefined, "the lease is still valid");
      assert.ok((await repo.releaseAll(at(4002))) >= 1);
      assert.equal((await repo.claim("alive", at(4003), at(999_999), ["orphan"]))?.id, "wf-orphan");
    });

    test("a workflow pinned to a node is claimed only by that node's workers", async () => {
      await repo.create(record("wf-pinned", { name: "pinned", nodeId: "node-a", createdAt: at(5000) }));
      await repo.create(record("wf-free", { name: "pinned", createdAt: at(5001) }));
      const other = await repo.claim("w-b", at(5002), at(999_999), ["pinned"], "node-b");
      assert.equal(other?.id, "wf-free", "another node takes only the unpinned one");
      assert.equal(await repo.claim("w-none", at(5003), at(999_999), ["pinned"]), undefined, "a worker of no node skips pinned work");
      assert.equal(await repo.claim("w-b2", at(5004), at(999_999), ["pinned"], "node-b"), undefined);
      const mine = await repo.claim("w-a", at(5005), at(999_999), ["pinned"], "node-a");
      assert.equal(mine?.id, "wf-pinned");
      assert.equal(mine?.nodeId, "node-a", "the pin reads back");
    });

    test("concurrent creates with one idempotency key create one workflow", async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => repo.create(record(`wf-idem-${i}`, { name: "idem", idempotencyKey: "k-race" }))),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.record.id)).size, 1);
    });

    test("a renewed lease is not taken over until the new expiry", async () => {
      await repo.create(record("wf-renew", { name: "renew", createdAt: at(6000) }));
      const c = await repo.claim("w1", at(6000), at(7000), ["renew"]);
      const lease = { workflowId: "wf-renew", owner: "w1", epoch: c!.leaseEpoch };
      assert.equal(await repo.renewLease(lease, at(9000)), true);
      assert.equal(await repo.claim("w2", at(8000), at(20_000), ["renew"]), undefined, "renewed until 9000");
      assert.equal((await repo.claim("w2", at(9001), at(20_000), ["renew"]))?.leaseOwner, "w2");
      assert.equal(
        await repo.finish(lease, { status: "SUCCEEDED", statusDetail: "stale", progress: 100 }, at(9002)),
        false,
        "the old holder cannot finish it",
      );
      assert.equal((await repo.get("wf-renew"))?.status, "RUNNING");
    });

    test("a checkpoint is written once: a second write of the same key keeps the first", async () => {
      await repo.create(record("wf-once", { name: "once", createdAt: at(10_000) }));
      const c = await repo.claim("w1", at(10_000), at(60_000), ["once"]);
      const lease = { workflowId: "wf-once", owner: "w1", epoch: c!.leaseEpoch };
      assert.equal(await repo.checkpoint(lease, { workflowId: "wf-once", stepKey: "s", output: "first", createdAt: at(10_001) }, at(60_000)), true);
      await repo.checkpoint(lease, { workflowId: "wf-once", stepKey: "s", output: "second", createdAt: at(10_002) }, at(60_000));
      assert.deepEqual((await repo.listCheckpoints("wf-once")).map((x) => x.output), ["first"]);
    });

    test("cancelling a running workflow fences out its holder", async () => {
      await repo.create(record("wf-cancel", { name: "cancel", createdAt: at(11_000) }));
      const c = await repo.claim("w1", at(11_000), at(60_000), ["cancel"]);
      const lease = { workflowId: "wf-cancel", owner: "w1", epoch: c!.leaseEpoch };
      assert.equal(await repo.cancel("wf-cancel", at(11_001)), true);
      assert.equal(await repo.checkpoint(lease, { workflowId: "wf-cancel", stepKey: "s", output: 1, createdAt: at(11_002) }, at(60_000)), false);
      assert.equal(await repo.renewLease(lease, at(70_000)), false);
      assert.equal(await repo.finish(lease, { status: "SUCCEEDED", statusDetail: "", progress: 100 }, at(11_003)), false);
      assert.deepEqual(await repo.listCheckpoints("wf-cancel"), []);
      const got = await repo.get("wf-cancel");
      assert.equal(got?.status, "CANCELLED");
      assert.ok(got?.finishedAt, "a cancelled workflow is finished");
      assert.equal(await repo.claim("w2", at(99_999), at(200_000), ["cancel"]), undefined, "and never claimed again");
    });

    test("concurrent claims from two handles never take the same workflow", async () => {
      const other = store.reopen();
      try {
        const repo2 = new SqlWorkflowRepository(other.db, d.name);
        for (let i = 0; i < 20; i++) await repo.create(record(`wf-par-${i}`, { name: "par", createdAt: at(3000 + i) }));
        const claimed: string[] = [];
        await Promise.all(
          [repo, repo2, repo, repo2].map(async (r, w) => {
            for (;;) {
              const c = await r.claim(`w${w}`, at(5000), at(60_000), ["par"]);
              if (!c) return;
              claimed.push(c.id);
            }
          }),
        );
        assert.equal(claimed.length, 20);
        assert.equal(new Set(claimed).size, 20);
      } finally {
        await other.close();
      }
    });
  });
}
