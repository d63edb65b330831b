import { test } from "node:test";
import assert from "node:assert/strict";
import type { CatalogRepository } from "../../core/catalog/catalog-repository.ts";
import { cachedCatalogReads } from "./cached-catalog-repository.ts";

test("reads are served from memory until a write, which empties the cache", async () => {
  let reads = 0;
  let name = "A";
  const methods: Record<string, unknown> = {
    getSupplierName: async () => {
      reads++;
      return name;
    },
    write: async () => {
      name = "B";
      return true;
    },
  };
  // Every other method is a no-op; the decorator binds them all.
  const inner = new Proxy(methods, { get: (t, k: string) => t[k] ?? (async () => undefined) }) as unknown as CatalogRepository;
  const repo = cachedCatalogReads(inner);
  assert.equal(await repo.getSupplierName("1"), "A");
  assert.equal(await repo.getSupplierName("1"), "A");
  assert.equal(reads, 1);
  await repo.write({} as never);
  assert.equal(await repo.getSupplierName("1"), "B", "a write is seen at once");
  assert.equal(reads, 2);
});
