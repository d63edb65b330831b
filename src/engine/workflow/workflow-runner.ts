import { randomUUID } from "node:crypto";
import type { Clock } from "../../core/shared/clock.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { Lease, WorkflowRecord, WorkflowRepository } from "../../core/workflows/workflow.ts";
import { FaultInjector, type FaultPoint } from "./fault-points.ts";
import { startLeaseHeartbeat } from "./lease-heartbeat.ts";
import { RunInterrupted, SimulatedCrash } from "./run-interruptions.ts";
import type { WorkflowDefinition } from "./workflow-definition.ts";
import { WorkflowRun, type RunHost } from "./workflow-run.ts";

export { LeaseLost, SimulatedCrash, WorkerStopping } from "./run-interruptions.ts";

export interface WorkflowRunnerOptions {
  /** Names this process in leases; default a random id. */
  readonly workerId?: string;
  /**
   * How long a claim lasts without a heartbeat (default 15 s); renewed every third of it. Lease
   * times come from each process's clock, so processes sharing a store need clocks that agree
   * to well within this.
   */
  readonly leaseMs?: number;
  /** How often idle workers look for work other processes queued (default 1 s). */
  readonly pollMs?: number;
  /** Workflows run at once by this process (default 16). */
  readonly concurrency?: number;
  /** First retry delay of a retryable step error, doubled each attempt (default 500 ms). */
  readonly retryDelayMs?: number;
  /** How long stop() lets running steps finish and checkpoint before aborting them (default 5 s). */
  readonly stopGraceMs?: number;
  readonly faults?: FaultInjector;
  /**
   * This process's node: it also claims workflows started for this node (host-local resources),
   * besides those for any node. Undefined: only workflows for any node.
   */
  readonly nodeId?: string;
}

/** Called with the final record in the process that finished (or cancelled) the workflow. */
export type FinishedListener = (record: WorkflowRecord) => void;

const FINISHED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/**
 * Runs durable workflows (STYLE.md section 5). Every step result is checkpointed before the
 * workflow moves on; a run that dies is resumed by any worker once its lease expires, replaying
 * finished steps from their checkpoints. Writes are fenced by the lease epoch, so with several
 * processes on one PostgreSQL store every step's checkpoint is written exactly once and a worker
 * that lost its lease stops without writing. Steps must be idempotent toward drivers: a step that
 * ran but did not checkpoint runs again after a crash.
 */
export class WorkflowRunner implements RunHost {
  readonly workerId: string;
  readonly nodeId: string | undefined;
  readonly faults: FaultInjector;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly retryDelayMs: number;
  private readonly stopGraceMs: number;
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly listeners: FinishedListener[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private started = false;
  private stopRequested = false;

  constructor(
    private readonly repo: WorkflowRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: WorkflowRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.nodeId = options.nodeId;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.concurrency = options.concurrency ?? 16;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.stopGraceMs = options.stopGraceMs ?? 5_000;
    this.faults = options.faults ?? new FaultInjector();
  }

  /** Adds a definition; its name must be unique. Register every definition before startWorkers. */
  register(definition: WorkflowDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`Workflow ${definition.name} is registered twice.`);
    this.definitions.set(definition.name, definition);
  }

  /** Listeners must not throw (a throw is logged and ignored); they run after the outcome is stored. */
  onFinished(listener: FinishedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Queues a workflow durably and returns its id once the row is committed; this process's
   * workers look for it at once, others at their next poll. The same idempotencyKey returns the
   * existing workflow (whatever its state) instead of starting a second one.
   */
  async start(name: string, input: unknown, options: { subjectId: string; idempotencyKey?: string; nodeId?: string }): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`Unknown workflow ${name}.`);
    const now = this.clock.now();
    const { record } = await this.repo.create({
      id: `wf-${randomUUID()}`,
      name,
      subjectId: options.subjectId,
      idempotencyKey: options.idempotencyKey,
      nodeId: options.nodeId,
      input,
      status: "PENDING",
      progress: 0,
      statusDetail: "",
      leaseEpoch: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (this.started && !this.stopRequested) this.pump();
    return record.id;
  }

  get(id: string): Promise<WorkflowRecord | undefined> {
    return this.repo.get(id);
  }

  listBySubject(subjectId: string): Promise<WorkflowRecord[]> {
    return this.repo.listBySubject(subjectId);
  }

  /**
   * The node that holds a subject's host-local resources: the node its first workflow was pinned
   * to, or this node for a new subject. Every later workflow on the subject runs there, whichever
   * process received the request. Undefined when this runner has no node (one process).
   */
  async placementOf(subjectId: string): Promise<string | undefined> {
    if (this.nodeId === undefined) return undefined;
    const first = (await this.repo.listBySubject(subjectId))[0];
    return first ? first.nodeId : this.nodeId;
  }

  /**
   * Cancels a queued or running workflow; returns false if it had already finished. A run in this
   * process is aborted and has stopped when this resolves; one in another process stops at its
   * next write. Nothing is compensated: the caller decides what a cancelled operation leaves.
   */
  async cancel(id: string): Promise<boolean> {
    const cancelled = await this.repo.cancel(id, this.clock.now());
    const local = this.running.get(id);
    local?.controller.abort();
    await local?.done;
    if (cancelled) {
      const record = await this.repo.get(id);
      if (record) this.notify(record);
    }
    return cancelled;
  }

  /**
   * For a store only this process uses (the embedded one, locked): workflows left RUNNING were
   * the previous process's, so their leases are expired and they resume at once instead of after
   * leaseMs. Never call it on a store other processes share.
   */
  async adoptOrphans(): Promise<number> {
    return this.repo.releaseAll(this.clock.now());
  }

  /** Starts claiming work: at once, then every pollMs. */
  startWorkers(): void {
    if (this.started) return;
    this.started = true;
    this.pollTimer = setInterval(() => this.pump(), this.pollMs);
    this.pollTimer.unref();
    this.pump();
  }

  /**
   * Stops claiming; running workflows start no new step, steps already running get `graceMs` to
   * finish and checkpoint, then their signal is aborted. Every lease still held is released so
   * another worker resumes at once. A workflow whose steps are all done is finished, not released.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.stopRequested = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.pumping;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((r) => (timer = setTimeout(r, options.graceMs ?? this.stopGraceMs)));
    await Promise.race([Promise.all([...this.running.values()].map((r) => r.done)), graceOver]);
    clearTimeout(timer);
    for (const r of this.running.values()) r.controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** True once stop() was called. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Resolves when the workflow has finished (tests, CLI --watch); polls the store. */
  async waitFor(id: string, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<WorkflowRecord> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const r = await this.repo.get(id);
      if (r && FINISHED.has(r.status)) return r;
      if (Date.now() > deadline) throw new Error(`Workflow ${id} did not finish in time (status ${r?.status}).`);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
    }
  }

  /** Workflows this process is running now. */
  get activeCount(): number {
    return this.running.size;
  }

  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = this.claimLoop()
      .catch((err) => this.log.error({ err: String(err) }, "Failed to claim workflows"))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain && !this.stopRequested) {
          this.pumpAgain = false;
          this.pump();
        }
      });
  }

  private async claimLoop(): Promise<void> {
    const names = [...this.definitions.keys()];
    while (!this.stopRequested && this.running.size < this.concurrency) {
      const now = this.clock.now();
      const record = await this.repo.claim(this.workerId, now, new Date(now.getTime() + this.leaseMs), names, this.nodeId);
      if (!record) return;
      this.launch(record);
    }
  }

  private launch(record: WorkflowRecord): void {
    const controller = new AbortController();
    const done = this.execute(record, controller).finally(() => {
      this.running.delete(record.id);
      if (!this.stopRequested) this.pump();
    });
    this.running.set(record.id, { controller, done });
  }

  /** Never rejects: every way a run ends is logged here. */
  private async execute(record: WorkflowRecord, controller: AbortController): Promise<void> {
    const lease: Lease = { workflowId: record.id, owner: this.workerId, epoch: record.leaseEpoch };
    const log = this.log.child({ workflowId: record.id, workflow: record.name });
    const stopHeartbeat = startLeaseHeartbeat({
      renew: () => this.repo.renewLease(lease, new Date(this.clock.now().getTime() + this.leaseMs)),
      leaseMs: this.leaseMs,
      onLost: () => controller.abort(),
      log,
    });
    let abandoned = false;
    try {
      const run = new WorkflowRun(this, this.definitions.get(record.name)!, record, lease, controller.signal, log);
      await run.execute();
    } catch (err) {
      if (err instanceof SimulatedCrash) {
        // As if the process had died: no release, the lease expires; sub-steps see the abort.
        abandoned = true;
        controller.abort();
        log.warn({ err: err.message }, "Abandoned workflow run");
      } else if (err instanceof RunInterrupted) {
        log.info({ reason: err.message }, "Stopped workflow run");
      } else {
        log.error({ err: String(err) }, "Failed to run workflow; it is retried when its lease expires");
      }
    } finally {
      stopHeartbeat();
      // Fenced: a no-op when the workflow finished or another worker holds it.
      if (this.stopRequested && !abandoned) await this.repo.release(lease, this.clock.now()).catch(() => undefined);
    }
  }

  private notify(record: WorkflowRecord): void {
    for (const listener of this.listeners) {
      try {
        listener(record);
      } catch (err) {
        this.log.error({ workflowId: record.id, err: String(err) }, "Failed to notify a workflow listener");
      }
    }
  }

  /** @internal RunHost */
  listCheckpoints(workflowId: string) {
    return this.repo.listCheckpoints(workflowId);
  }

  /** @internal RunHost */
  checkpoint(lease: Lease, stepKey: string, output: unknown): Promise<boolean> {
    const now = this.clock.now();
    return this.repo.checkpoint(
      lease,
      { workflowId: lease.workflowId, stepKey, output: output ?? null, createdAt: now },
      new Date(now.getTime() + this.leaseMs),
    );
  }

  /** @internal RunHost */
  setProgress(lease: Lease, progress: number, detail: string): Promise<boolean> {
    return this.repo.setProgress(lease, progress, detail, this.clock.now());
  }

  /** @internal RunHost */
  async finish(lease: Lease, outcome: Parameters<WorkflowRepository["finish"]>[1]): Promise<boolean> {
    if (!(await this.repo.finish(lease, outcome, this.clock.now()))) return false;
    const record = await this.repo.get(lease.workflowId);
    if (record) this.notify(record);
    return true;
  }

  /** @internal RunHost */
  reach(point: FaultPoint, workflowId: string, stepKey?: string): void | Promise<void> {
    return this.faults.reach(point, workflowId, stepKey);
  }

  /** @internal RunHost */
  retryDelay(attempt: number): number {
    return this.retryDelayMs * 2 ** (attempt - 1);
  }
}
