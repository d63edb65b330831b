import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ProductEnablement, ProductEnablementRepository } from "../../src/core/provisions/product-enablement.ts";
import { InMemoryProductEnablementRepository } from "../../src/core/provisions/product-enablement.ts";
import { newAccountId } from "../../src/core/shared/ids.ts";
import { SqlProductEnablementRepository } from "../../src/storage/sql/provision-repository.ts";
import { dialectsUnderTest, openTestDatabase, type TestDatabase } from "../support/dialects.ts";

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, s, 123));

/** The repository contract, for the SQL repository on each dialect and the in-memory one. */
function contract(name: string, open: () => Promise<{ repo: ProductEnablementRepository; newAccount(): Promise<string>; close(): Promise<void> }>, skip: string | false = false) {
  describe(name, { skip }, () => {
    let h: Awaited<ReturnType<typeof open>>;
    before(async () => {
      h = await open();
    });
    after(() => h?.close());

    test("put stores one decision per account and product, replacing the earlier one", async () => {
      const a = await h.newAccount();
      const b = await h.newAccount();
      assert.equal(await h.repo.get(a, "local"), undefined);
      const off: ProductEnablement = { accountId: a, product: "local", enabled: false, changedBy: "operator:1", changedAt: at(1) };
      await h.repo.put(off);
      await h.repo.put(off); // safe to repeat
      assert.deepEqual(await h.repo.get(a, "local"), off);
      const on = { ...off, enabled: true, changedBy: "auto-enable:service-1", changedAt: at(2) };
      await h.repo.put(on);
      assert.deepEqual(await h.repo.get(a, "local"), on);
      await h.repo.put({ accountId: a, product: "kubernetes", enabled: true, changedBy: "operator:1", changedAt: at(3) });
      await h.repo.put({ accountId: b, product: "local", enabled: false, changedBy: "operator:1", changedAt: at(4) });
      assert.deepEqual((await h.repo.list(a)).map((r) => [r.product, r.enabled]), [["kubernetes", true], ["local", true]]);
      assert.deepEqual((await h.repo.list(b)).map((r) => [r.product, r.enabled]), [["local", false]]);
    });
  });
}

for (const d of dialectsUnderTest()) {
  contract(
    `SqlProductEnablementRepository on ${d.name}`,
    async () => {
      const store: TestDatabase = await openTestDatabase(d.name);
      return {
        repo: new SqlProductEnablementRepository(store.db),
        async newAccount() {
          const id = newAccountId();
          await store.db.insertInto("accounts").values({ id, name: `acct-${id}`, is_operator: 0, created_at: 0 }).execute();
          return id;
        },
        close: () => store.close(),
      };
    },
    d.skip,
  );
}

contract("InMemoryProductEnablementRepository", async () => ({
  repo: new InMemoryProductEnablementRepository(),
  newAccount: async () => newAccountId(),
  close: async () => undefined,
}));
