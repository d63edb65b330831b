import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Logger } from "../shared/logger.ts";
import { InstanceErrorCodes as E, instanceNotFound } from "./instance-errors.ts";
import type { InstanceEvent, InstanceEventRepository } from "./instance-event.ts";
import type { InstanceRepository } from "./instance-repository.ts";
import type { ServiceInstance } from "./service-instance.ts";

const MAX_ATTEMPTS = 20;

/** What one mutation step decided: the new state and the events that go with it. */
export interface Change {
  readonly next: ServiceInstance;
  readonly events?: readonly Omit<InstanceEvent, "instanceId" | "timestamp">[];
}

/**
 * Compare-and-set writes of instances. `mutate` re-reads and re-applies `decide` when another
 * writer got in between, so `decide` must be a pure function of the instance it is given; it
 * returns undefined to leave the instance as it is, or throws to abort. `updatedAt` strictly
 * increases with every write, which is what makes it usable as the compare-and-set token.
 */
export class InstanceStore {
  constructor(
    readonly instances: InstanceRepository,
    private readonly events: InstanceEventRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** A timestamp for the next write of `instance`: now, or 1 ms after its last write. */
  stamp(previous: Date): Date {
    const now = this.clock.now();
    return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
  }

  /**
   * Applies `decide` to the stored instance. Returns the instance as stored afterwards and
   * whether this call changed it. Throws SERVICE_INSTANCE_NOT_FOUND for a missing id and
   * INSTANCE_CONCURRENT_UPDATE when other writers won every attempt.
   */
  async mutate(id: string, decide: (current: ServiceInstance) => Change | undefined): Promise<{ instance: ServiceInstance; changed: boolean }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.instances.get(id);
      if (!current) throw instanceNotFound(id);
      const change = decide(current);
      if (!change) return { instance: current, changed: false };
      const next = { ...change.next, updatedAt: this.stamp(current.updatedAt) };
      if (await this.instances.update(next, current.updatedAt)) {
        await this.record(next, change.events ?? []);
        return { instance: next, changed: true };
      }
      this.log.debug({ instanceId: id, attempt }, "Retried ServiceInstance update after a lost race");
    }
    throw new DomainError("Conflict", E.INSTANCE_CONCURRENT_UPDATE, `The service instance ${id} is being changed by other requests; try again.`, {
      serviceInstanceId: id,
    });
  }

  /** Appends lifecycle events (ListServiceInstanceLogs, LogSource computeNest) stamped with the write time. */
  async record(instance: ServiceInstance, events: readonly Omit<InstanceEvent, "instanceId" | "timestamp">[]): Promise<void> {
    for (const e of events) await this.events.append({ ...e, instanceId: instance.id, timestamp: instance.updatedAt });
  }
}
