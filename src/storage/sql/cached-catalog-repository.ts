import type { CatalogRepository } from "../../core/catalog/catalog-repository.ts";

/**
 * Point reads of the catalog served from memory, for a store only this process writes (the
 * embedded one: its data directory is locked). Every write through this repository empties the
 * cache before it returns, so a read never sees less than the last write. Not for PostgreSQL,
 * where other processes write behind our back.
 */
export function cachedCatalogReads(inner: CatalogRepository, maxEntries = 10_000): CatalogRepository {
  const cache = new Map<string, unknown>();
  const read =
    <A extends unknown[], R>(prefix: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const key = prefix + "\u0000" + args.join("\u0000");
      if (cache.has(key)) return cache.get(key) as R;
      const value = await fn(...args);
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, value);
      return value;
    };
  const write =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      cache.clear();
      try {
        return await fn(...args);
      } finally {
        cache.clear();
      }
    };
  return {
    write: write(inner.write.bind(inner)),
    putSharedAccounts: write(inner.putSharedAccounts.bind(inner)),
    removeSharedAccounts: write(inner.removeSharedAccounts.bind(inner)),
    getService: read("service", inner.getService.bind(inner)),
    getVersion: read("version", inner.getVersion.bind(inner)),
    getSupplierName: read("supplier", inner.getSupplierName.bind(inner)),
    getSharedAccount: read("shared", inner.getSharedAccount.bind(inner)),
    getServiceByClientToken: inner.getServiceByClientToken.bind(inner),
    listVersions: inner.listVersions.bind(inner),
    listServices: inner.listServices.bind(inner),
    getRegistration: inner.getRegistration.bind(inner),
    listRegistrations: inner.listRegistrations.bind(inner),
    listSharedAccounts: inner.listSharedAccounts.bind(inner),
  };
}
