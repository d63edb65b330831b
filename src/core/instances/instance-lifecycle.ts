import type { Principal } from "../accounts/account.ts";
import { failedPrecondition } from "../shared/domain-error.ts";
import { instanceNotFound } from "./instance-errors.ts";
import { InstanceQueries } from "./instance-queries.ts";
import { beginTransition, INSTANCE_STATUS_INVALID, INSTANCE_TRANSITIONS, type InstanceOperation, type InstanceStatus } from "./instance-status.ts";
import type { Change } from "./instance-store.ts";
import type { InstanceOutput, InstanceResource, ServiceInstance } from "./service-instance.ts";

/** What a workflow reports while it runs (InstanceService.recordProgress). */
export interface ProgressReport {
  /** 0..100; rounded and clamped. */
  readonly progress: number;
  readonly statusDetail: string;
  readonly resources?: readonly InstanceResource[];
  readonly outputs?: Readonly<Record<string, InstanceOutput>>;
}

/** How a workflow ended (InstanceService.completeOperation). */
export interface OperationOutcome {
  readonly succeeded: boolean;
  readonly statusDetail: string;
  readonly outputs?: Readonly<Record<string, InstanceOutput>>;
  readonly resources?: readonly InstanceResource[];
  /** The version now running (Upgrade/Rollback); default: the operation's target version. */
  readonly serviceVersion?: string;
}

/** Statuses in which a workflow is driving the instance. */
const IN_PROGRESS: ReadonlySet<InstanceStatus> = new Set(Object.values(INSTANCE_TRANSITIONS).map((t) => t.during));

/** Event names of ListServiceInstanceLogs (ALIBABA.md 3.11) for the end of an operation. */
function endEvent(operation: InstanceOperation, succeeded: boolean, status: InstanceStatus): string {
  if (operation === "Upgrade") return succeeded ? "UpgradeSuccess" : "UpgradeFailed";
  if (operation === "Rollback") return succeeded ? "RollbackSuccess" : "RollbackFailed";
  return status;
}

export interface BeginOptions {
  /** Handed to InstanceRuntime.submit and kept on the instance until the operation ends. */
  readonly args?: Record<string, unknown>;
  /** Further changes written with the status change (e.g. new parameters for ContinueDeploy). */
  readonly patch?: Partial<ServiceInstance>;
  readonly statusDetail?: string;
  /** Runs once the status change is stored, before the workflow is submitted. */
  readonly afterCommit?: (instance: ServiceInstance) => Promise<void>;
}

/**
 * How operations start and end. Every operation is "intent first": one compare-and-set moves the
 * instance into the operation's in-progress status and records `currentOperation` with its
 * idempotency key; then the workflow is submitted and its id attached. If the process dies in
 * between, `resubmitPendingOperations` (startup recovery, also safe to run periodically)
 * submits again with the same key. Two requests racing on the same instance cannot both start:
 * the second one's compare-and-set sees the first one's status.
 */
export class InstanceLifecycle extends InstanceQueries {
  /**
   * Called by the engine while a workflow runs. Applies only while the instance is in an
   * in-progress status (a Created instance whose Deploy runs moves to Deploying); otherwise the
   * report is stale and ignored. Throws SERVICE_INSTANCE_NOT_FOUND for an unknown id. Safe to repeat.
   */
  async recordProgress(instanceId: string, report: ProgressReport): Promise<ServiceInstance> {
    const { instance } = await this.store.mutate(instanceId, (cur): Change | undefined => {
      const deploying = cur.status === "Created" && cur.currentOperation?.operation === "Deploy";
      if (!deploying && !IN_PROGRESS.has(cur.status)) return undefined;
      return {
        next: {
          ...cur,
          status: deploying ? "Deploying" : cur.status,
          progress: Math.max(0, Math.min(100, Math.round(report.progress))),
          statusDetail: report.statusDetail,
          resources: report.resources ?? cur.resources,
          outputs: report.outputs ?? cur.outputs,
        },
        events: deploying ? [{ status: "Deploying", content: report.statusDetail }] : [],
      };
    });
    return instance;
  }

  /**
   * Called by the engine when the workflow of `operation` ends: moves the instance to the
   * transition's success or failure status (instance-status.ts), records the event, finishes the
   * upgrade history entry of Upgrade/Rollback and clears the current operation. A report for an
   * operation the instance is not in (a repeat, or a stale workflow) changes nothing. Throws
   * SERVICE_INSTANCE_NOT_FOUND for an unknown id.
   */
  async completeOperation(instanceId: string, operation: InstanceOperation, outcome: OperationOutcome): Promise<ServiceInstance> {
    const t = INSTANCE_TRANSITIONS[operation];
    let args: Readonly<Record<string, unknown>> = {};
    const { instance, changed } = await this.store.mutate(instanceId, (cur): Change | undefined => {
      const same = cur.currentOperation ? cur.currentOperation.operation === operation : cur.status === t.during;
      const running = cur.status === t.during || (operation === "Deploy" && cur.status === "Created");
      if (!same || !running) return undefined;
      args = cur.currentOperation?.args ?? {};
      const status = outcome.succeeded ? t.success : t.failure;
      const moved = outcome.succeeded && (operation === "Upgrade" || operation === "Rollback");
      const next: ServiceInstance = {
        ...cur,
        status,
        statusDetail: outcome.statusDetail,
        progress: outcome.succeeded ? 100 : cur.progress,
        outputs: outcome.outputs ?? cur.outputs,
        resources: outcome.resources ?? cur.resources,
        serviceVersion: moved ? (outcome.serviceVersion ?? stringArg(args, "targetVersion") ?? cur.serviceVersion) : cur.serviceVersion,
        parameters: moved ? ((args["parameters"] as Record<string, unknown> | undefined) ?? cur.parameters) : cur.parameters,
        noEchoParameters: moved ? ((args["noEchoParameters"] as string[] | undefined) ?? cur.noEchoParameters) : cur.noEchoParameters,
        currentOperation: undefined,
        activeWorkflowId: undefined,
        deletedAt: operation === "Delete" && outcome.succeeded ? this.deps.clock.now() : cur.deletedAt,
      };
      return { next, events: [{ status: endEvent(operation, outcome.succeeded, status), content: outcome.statusDetail }] };
    });
    if (changed) {
      const historyId = stringArg(args, "upgradeHistoryId");
      if (historyId) await this.finishHistory(instance, historyId, operation, args, outcome);
      this.deps.log.info({ instanceId, operation, status: instance.status }, `Completed ServiceInstance ${operation}`);
    }
    return instance;
  }

  /**
   * Instances whose operation was recorded but whose workflow submission was not confirmed
   * (the process died in between, or the engine refused), oldest first.
   */
  async listInstancesNeedingWorkflow(limit = 100): Promise<ServiceInstance[]> {
    return this.deps.instances.listPendingOperations(limit);
  }

  /**
   * Submits every pending operation again with its original idempotency key (the engine returns
   * the existing workflow if the first submit did get through) and attaches the workflow.
   * Returns how many now have a workflow. Call at startup; safe to call at any time and from
   * several processes.
   */
  async resubmitPendingOperations(limit = 1000): Promise<number> {
    let attached = 0;
    for (const instance of await this.deps.instances.listPendingOperations(limit)) {
      const after = await this.dispatch(instance);
      if (after.activeWorkflowId) attached++;
    }
    return attached;
  }

  /**
   * Starts `operation` on the caller's instance: checks the transition table and that no other
   * operation is in progress, records the intent with the in-progress status, then submits.
   */
  protected async begin(caller: Principal, instanceId: string, operation: InstanceOperation, options: BeginOptions = {}): Promise<ServiceInstance> {
    const { instance } = await this.store.mutate(instanceId, (cur): Change => {
      if (!this.isOwn(caller, cur)) throw instanceNotFound(instanceId);
      assertSettled(cur, operation);
      const t = beginTransition(operation, cur.status);
      const key = `${cur.id}:${operation.toLowerCase()}:${cur.updatedAt.getTime()}`;
      const detail = options.statusDetail ?? `${operation} requested.`;
      return {
        next: {
          ...cur,
          ...options.patch,
          status: t.during,
          statusDetail: detail,
          progress: 0,
          currentOperation: { operation, idempotencyKey: key, args: options.args ?? {}, requestedAt: this.deps.clock.now() },
          activeWorkflowId: undefined,
        },
        events: [{ status: t.during, content: detail }],
      };
    });
    if (options.afterCommit) await options.afterCommit(instance);
    this.deps.log.info({ instanceId, operation }, `Started ServiceInstance ${operation}`);
    return this.dispatch(instance);
  }

  /**
   * Submits the instance's current operation and attaches the workflow id (a Created instance
   * moves to Deploying). A failed submit is logged and left for resubmitPendingOperations: the
   * intent is already stored, so the request that recorded it still succeeds.
   */
  protected async dispatch(instance: ServiceInstance): Promise<ServiceInstance> {
    const op = instance.currentOperation;
    if (!op || instance.activeWorkflowId) return instance;
    let workflowId: string;
    try {
      workflowId = await this.deps.runtime.submit({ operation: op.operation, instanceId: instance.id, idempotencyKey: op.idempotencyKey, args: { ...op.args } });
    } catch (e) {
      this.deps.log.error({ instanceId: instance.id, operation: op.operation, err: (e as Error).message }, "Failed to submit ServiceInstance workflow");
      return instance;
    }
    const { instance: after } = await this.store.mutate(instance.id, (cur): Change | undefined => {
      if (cur.currentOperation?.idempotencyKey !== op.idempotencyKey || cur.activeWorkflowId) return undefined;
      const starts = op.operation === "Deploy" && cur.status === "Created";
      return {
        next: { ...cur, activeWorkflowId: workflowId, status: starts ? "Deploying" : cur.status, statusDetail: starts ? "Deploying." : cur.statusDetail },
        events: starts ? [{ status: "Deploying", content: "Deploying." }] : [],
      };
    });
    return after;
  }

  /** Finishes the operation's history entry; writes a finished one if the process died before appending it. */
  private async finishHistory(instance: ServiceInstance, id: string, operation: InstanceOperation, args: Readonly<Record<string, unknown>>, outcome: OperationOutcome): Promise<void> {
    const status = outcome.succeeded ? "UpgradeSuccessful" : "UpgradeFailed";
    const results = { Succeeded: outcome.succeeded, StatusDetail: outcome.statusDetail };
    const entry = await this.deps.history.get(id);
    if (entry) {
      await this.deps.history.update({ ...entry, status, endTime: instance.updatedAt, results: { ...(entry.results ?? {}), ...results } });
      return;
    }
    this.deps.log.warn({ instanceId: instance.id, upgradeHistoryId: id, operation }, "Recorded a missing UpgradeHistory entry at completion");
    await this.deps.history.append({
      id,
      instanceId: instance.id,
      fromVersion: stringArg(args, "fromVersion") ?? "",
      toVersion: stringArg(args, "targetVersion") ?? "",
      type: operation === "Rollback" ? "Rollback" : "Upgrade",
      status,
      startTime: instance.updatedAt,
      endTime: instance.updatedAt,
      results,
    });
  }
}

function stringArg(args: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = args[key];
  return typeof v === "string" ? v : undefined;
}

/** One operation at a time: a Created instance whose Deploy is pending cannot be deleted yet. */
function assertSettled(instance: ServiceInstance, operation: InstanceOperation): void {
  if (instance.currentOperation) {
    throw failedPrecondition(
      INSTANCE_STATUS_INVALID,
      `The operation ${operation} is not allowed while ${instance.currentOperation.operation} is in progress (status ${instance.status}).`,
      { operation, status: instance.status },
    );
  }
}
