import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { ManualClock } from "../../../src/core/shared/clock.ts";
import { SqlNonceStore } from "../../../src/storage/sql/sql-nonce-store.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../../support/dialects.ts";

const nonce = () => randomBytes(16).toString("hex");
const MINUTE = 60_000;

for (const d of dialectsUnderTest()) {
  describe(`SqlNonceStore on ${d.name}`, { skip: d.skip }, () => {
    let store: TestDatabase;
    const clock = new ManualClock(new Date("2026-11-23T10:00:00Z"));
    // Purging is tested on its own below; elsewhere it stays off so no background delete overlaps a test.
    const quiet = { clock, purgeIntervalMs: Number.POSITIVE_INFINITY };
    const inWindow = () => new Date(clock.now().getTime() + 15 * MINUTE);
    const rows = async () =>
      Number((await store.db.selectFrom("signature_nonces").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

    before(async () => {
      store = await openTestDatabase(d.name);
    });
    after(async () => {
      await store?.close();
    });

    test("a new nonce is accepted once; its replay is refused", async () => {
      const nonces = new SqlNonceStore(store.db, quiet);
      const n = nonce();
      assert.equal(await nonces.remember(n, inWindow()), true);
      assert.equal(await nonces.remember(n, inWindow()), false);
      assert.equal(await nonces.remember(nonce(), inWindow()), true);
    });

    test("a nonce may be used again once its earlier use has expired", async () => {
      const nonces = new SqlNonceStore(store.db, quiet);
      const n = nonce();
      assert.equal(await nonces.remember(n, new Date(clock.now().getTime() + MINUTE)), true);
      clock.advance(MINUTE - 1);
      assert.equal(await nonces.remember(n, inWindow()), false, "still inside the window");
      clock.advance(1);
      assert.equal(await nonces.remember(n, inWindow()), true, "expired row is taken over");
      assert.equal(await nonces.remember(n, inWindow()), false, "with the new expiry");
    });

    test("very long nonces are stored compactly and still checked", async () => {
      const nonces = new SqlNonceStore(store.db, quiet);
      const long = "n".repeat(20_000) + nonce();
      assert.equal(await nonces.remember(long, inWindow()), true);
      assert.equal(await nonces.remember(long, inWindow()), false);
      assert.equal(await nonces.remember(long.slice(1), inWindow()), true);
    });

    test("two processes share replay protection", async () => {
      const second = store.reopen();
      try {
        const a = new SqlNonceStore(store.db, quiet);
        const b = new SqlNonceStore(second.db, quiet);
        const n = nonce();
        assert.equal(await a.remember(n, inWindow()), true);
        assert.equal(await b.remember(n, inWindow()), false);
        const m = nonce();
        assert.equal(await b.remember(m, inWindow()), true);
        assert.equal(await a.remember(m, inWindow()), false);
      } finally {
        await second.close();
      }
    });

    test("a nonce raced by two processes is accepted exactly once", async () => {
      const second = store.reopen();
      try {
        const stores = [new SqlNonceStore(store.db, quiet), new SqlNonceStore(second.db, quiet)];
        for (let round = 0; round < 5; round++) {
          const n = nonce();
          const results = await Promise.all(Array.from({ length: 8 }, (_, i) => stores[i % 2]!.remember(n, inWindow())));
          assert.equal(results.filter(Boolean).length, 1, `round ${round}: ${results.join(",")}`);
        }
      } finally {
        await second.close();
      }
    });

    test("purgeExpired deletes expired rows only, a bounded batch at a time", async () => {
      await store.db.deleteFrom("signature_nonces").execute();
      const nonces = new SqlNonceStore(store.db, quiet);
      const now = clock.now().getTime();
      const live = nonce();
      await store.db
        .insertInto("signature_nonces")
        .values([
          ...Array.from({ length: 5 }, (_, i) => ({ nonce: `old-${i}`, expires_at: now - 1000 * (i + 1) })),
          { nonce: live, expires_at: now + MINUTE },
        ])
        .execute();
      assert.equal(await nonces.purgeExpired(2), 2);
      assert.equal(await rows(), 4);
      assert.equal(await nonces.purgeExpired(10), 3);
      assert.equal(await nonces.purgeExpired(10), 0);
      assert.equal(await rows(), 1);
      assert.equal(await nonces.remember(live, inWindow()), false, "the live nonce is still protected");
    });

    test("remember purges expired rows on its own schedule, without waiting for it", async () => {
      await store.db.deleteFrom("signature_nonces").execute();
      const nonces = new SqlNonceStore(store.db, { clock, purgeIntervalMs: 10 * MINUTE, purgeBatchSize: 3 });
      const now = clock.now().getTime();
      await store.db
        .insertInto("signature_nonces")
        .values(Array.from({ length: 5 }, (_, i) => ({ nonce: `stale-${i}`, expires_at: now - 1 - i })))
        .execute();

      await nonces.remember(nonce(), inWindow()); // first call purges a batch of 3
      await nonces.idle();
      assert.equal(await rows(), 3);
      await nonces.remember(nonce(), inWindow()); // a full batch means: purge again on the next call
      await nonces.idle();
      assert.equal(await rows(), 2, "the other 2 stale rows are gone, the 2 fresh ones stay");
      const stale = await store.db.selectFrom("signature_nonces").select("nonce").where("nonce", "like", "stale-%").execute();
      assert.deepEqual(stale, []);

      await store.db.insertInto("signature_nonces").values({ nonce: "stale-late", expires_at: now - 1 }).execute();
      await nonces.remember(nonce(), inWindow()); // within the interval: no purge
      await nonces.idle();
      assert.equal((await store.db.selectFrom("signature_nonces").select("nonce").where("nonce", "=", "stale-late").execute()).length, 1);
      clock.advance(10 * MINUTE);
      await nonces.remember(nonce(), new Date(clock.now().getTime() + MINUTE));
      await nonces.idle();
      assert.equal((await store.db.selectFrom("signature_nonces").select("nonce").where("nonce", "=", "stale-late").execute()).length, 0);
    });
  });
}
