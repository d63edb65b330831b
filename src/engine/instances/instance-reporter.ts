import type { InstanceService } from "../../core/instances/instance-service.ts";
import type { InstanceRepository } from "../../core/instances/instance-repository.ts";

/** What the instance workflows need of the domain: read the instance, report progress and the end. */
export interface InstanceReporter {
  readonly instances: Pick<InstanceRepository, "get">;
  readonly service: Pick<InstanceService, "recordProgress" | "completeOperation">;
}
