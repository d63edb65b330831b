import type { InstanceLogLine, InstanceRuntime, ObservedInstanceResource } from "../../core/instances/instance-ports.ts";
import type { InstanceOperation } from "../../core/instances/instance-status.ts";
import type { ServiceInstance } from "../../core/instances/service-instance.ts";
import type { Driver } from "../drivers/driver.ts";
import type { WorkflowRunner } from "../workflow/workflow-runner.ts";
import type { InstanceReporter } from "./instance-reporter.ts";
import { INSTANCE_WORKFLOWS, instanceWorkflows, type InstanceWorkflowInput } from "./instance-workflows.ts";
import { resourceKey } from "./stack-state.ts";

/**
 * The InstanceRuntime port on the durable engine: each instance operation is a workflow whose
 * idempotency key is the one the domain recorded, so a resubmission after a crash finds the
 * workflow it already queued.
 */
export class EngineInstanceRuntime implements InstanceRuntime {
  constructor(
    private readonly runner: WorkflowRunner,
    private readonly driver: Driver,
    private readonly reporter: InstanceReporter,
    clock: { now(): Date },
  ) {
    for (const w of instanceWorkflows({ driver, reporter, clock })) runner.register(w);
  }

  async submit(request: { operation: InstanceOperation; instanceId: string; idempotencyKey: string; args?: Record<string, unknown> }): Promise<string> {
    const instance = await this.reporter.instances.get(request.instanceId);
    if (!instance) throw new Error(`Service instance ${request.instanceId} is not stored.`);
    const input: InstanceWorkflowInput = {
      instanceId: instance.id,
      operation: request.operation,
      args: request.args ?? {},
      accountId: instance.accountId,
      regionId: instance.regionId,
      keepOnFailure: instance.keepOnFailure,
      resources: instance.resources,
    };
    const nodeId = await this.runner.placementOf(instance.id);
    return this.runner.start(INSTANCE_WORKFLOWS[request.operation], input, { subjectId: instance.id, idempotencyKey: request.idempotencyKey, nodeId });
  }

  async resourceLogs(instance: ServiceInstance, options: { limit: number; since?: Date }): Promise<InstanceLogLine[]> {
    const lines: InstanceLogLine[] = [];
    for (const r of instance.resources) {
      const got = await this.driver.logs({ key: resourceKey(instance.id, r.logicalId), type: r.type }, { tail: options.limit, since: options.since }).catch(() => []);
      for (const l of got) lines.push({ timestamp: l.at, resourceId: r.physicalId, resourceType: r.type, content: `[replica-${l.replicaIndex}] ${l.text}` });
    }
    lines.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    return lines.slice(-options.limit);
  }

  async observeResources(instance: ServiceInstance): Promise<ObservedInstanceResource[]> {
    const out: ObservedInstanceResource[] = [];
    for (const r of instance.resources) {
      const seen = await this.driver.observe({ key: resourceKey(instance.id, r.logicalId), type: r.type }).catch(() => undefined);
      const status = !seen ? "terminated" : seen.desiredState === "Stopped" ? "terminated" : seen.ready ? "running" : "waiting";
      out.push({ logicalId: r.logicalId, type: r.type, physicalId: seen?.physicalId ?? r.physicalId, status, createdAt: r.createdAt });
    }
    return out;
  }
}
