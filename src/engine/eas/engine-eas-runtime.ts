import type { EasLogLine, EasOperationPlan, EasRuntime, ObservedEasReplica } from "../../core/eas/eas-ports.ts";
import type { EasOperation } from "../../core/eas/eas-service-status.ts";
import type { Driver } from "../drivers/driver.ts";
import type { WorkflowRunner } from "../workflow/workflow-runner.ts";
import { EAS_WORKFLOWS, easWorkflows, slotRef, type EasOperationReporter, type EasWorkflowInput } from "./eas-workflows.ts";

/**
 * The EasRuntime port on the durable engine and the local driver: each operation is a
 * workflow keyed by the operation's recorded key; each instance slot is one process resource.
 */
export class EngineEasRuntime implements EasRuntime {
  private reporter: EasOperationReporter | undefined;

  constructor(
    private readonly runner: WorkflowRunner,
    private readonly driver: Driver,
  ) {
    for (const w of easWorkflows({ driver, reporter: () => this.reporterOrThrow() })) runner.register(w);
  }

  /** The core's service manager, known only once the core is built (it needs this runtime). */
  reportTo(reporter: EasOperationReporter): void {
    this.reporter = reporter;
  }

  async submit(request: { serviceId: string; operation: EasOperation; key: string; plan: EasOperationPlan }): Promise<string> {
    const input: EasWorkflowInput = { serviceId: request.serviceId, operation: request.operation, plan: request.plan };
    const nodeId = await this.runner.placementOf(request.serviceId);
    return this.runner.start(EAS_WORKFLOWS[request.operation], input, { subjectId: request.serviceId, idempotencyKey: request.key, ...(nodeId ? { nodeId } : {}) });
  }

  async cancel(serviceId: string, key: string): Promise<void> {
    const records = await this.runner.listBySubject(serviceId);
    for (const r of records) if (r.idempotencyKey === key && (r.status === "PENDING" || r.status === "RUNNING")) await this.runner.cancel(r.id);
  }

  async observe(serviceId: string, slots: readonly number[]): Promise<ObservedEasReplica[]> {
    // Up to 100 slots: observed together rather than one await after another.
    const seenAll = await Promise.all(slots.map((slot) => this.driver.observe(slotRef(serviceId, slot)).catch(() => undefined)));
    const out: ObservedEasReplica[] = [];
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      const seen = seenAll[k];
      const r = seen?.replicas[0];
      if (!seen || !r) continue;
      const one: { -readonly [K in keyof ObservedEasReplica]: ObservedEasReplica[K] } = {
        slot,
        status: r.status,
        ready: r.ready,
        port: r.port,
        restartCount: r.restartCount,
        specHash: r.specHash,
        latest: r.specHash === seen.specHash,
        stopped: seen.desiredState === "Stopped",
      };
      // Optional parts by assignment, not spreads: a list observes up to 100 slots.
      if (r.reason !== undefined) one.reason = r.reason;
      if (r.pid !== undefined) one.pid = r.pid;
      if (r.startedAt) one.startedAt = r.startedAt;
      if (r.lastState) one.lastState = { ...r.lastState };
      out.push(one);
    }
    return out;
  }

  restartReplica(serviceId: string, slot: number, soft: boolean): Promise<void> {
    return this.driver.restartReplica(slotRef(serviceId, slot), 0, { soft });
  }

  async logs(serviceId: string, slots: readonly number[], options: { since?: Date; tail?: number }): Promise<EasLogLine[]> {
    const lines: EasLogLine[] = [];
    for (const slot of slots) {
      const got = await this.driver.logs(slotRef(serviceId, slot), { ...(options.since ? { since: options.since } : {}) }).catch(() => []);
      for (const l of got) lines.push({ slot, at: l.at, text: l.text });
    }
    lines.sort((a, b) => a.at.getTime() - b.at.getTime() || a.slot - b.slot);
    return options.tail !== undefined ? lines.slice(-options.tail) : lines;
  }

  private reporterOrThrow(): EasOperationReporter {
    if (!this.reporter) throw new Error("The EAS runtime has no reporter yet.");
    return this.reporter;
  }
}
