import type { ComponentInstance } from "./servicestage-model.ts";
import type { ServiceStageRepository } from "./servicestage-repository.ts";

/** updatedAt doubles as the compare-and-set token: it must grow on every write, even within a millisecond. */
export const nextUpdatedAt = (instance: ComponentInstance, now: number): number => Math.max(now, instance.updatedAt + 1);

/**
 * Read-modify-write of one instance under compare-and-set, retried while another writer wins.
 * `change` returns the new record, or undefined to write nothing. Returns what was written.
 */
export async function mutateInstance(
  repo: ServiceStageRepository,
  id: string,
  now: () => number,
  change: (current: ComponentInstance) => Omit<ComponentInstance, "updatedAt"> | undefined,
): Promise<ComponentInstance | undefined> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const current = await repo.findInstance(id);
    if (!current) return undefined;
    const next = change(current);
    if (!next) return current;
    const written = { ...next, updatedAt: nextUpdatedAt(current, now()) } as ComponentInstance;
    if (await repo.updateInstance(written, current.updatedAt)) return written;
  }
  throw new Error(`Instance ${id} kept changing; gave up updating it.`);
}
