import { randomUUID } from "node:crypto";
import type { Clock } from "../../core/shared/clock.ts";
import type { Logger } from "../../core/shared/logger.ts";
import type { Lease, WorkflowRecord, WorkflowRepository } from "../../core/workflows/workflow.ts";
import { FaultInjector, type FaultPoint } from "./fault-points.ts";
import type { WorkflowDefinition } from "./workflow-definition.ts";
import { WorkflowRun } from "./workflow-run.ts";

export interface WorkflowRunnerOptions {
  /** Names this process in leases; default a random id. */
  readonly workerId?: string;
  /** How long a claim lasts without a heartbeat (default 15 s); renewed every third of it. */
  readonly leaseMs?: number;
  /** How often idle workers look for work other processes queued (default 1 s). */
  readonly pollMs?: number;
  /** Workflows run at once by this process (default 16). */
  readonly concurrency?: number;
  /** First retry delay of a retryable step error, doubled each attempt (default 500 ms). */
  readonly retryDelayMs?: number;
  readonly faults?: FaultInjector;
}

/** Thrown by a test's fault hook to make the runner stop as if the process had died there. */
export class SimulatedCrash extends Error {
  constructor(point: string) {
    super(`simulated crash at ${point}`);
  }
}

/** The run lost its lease (another worker took over) or the worker is stopping. */
export class LeaseLost extends Error {}

export type FinishedListener = (record: WorkflowRecord) => void;

/**
 * Runs durable workflows (STYLE.md section 5). Every step result is checkpointed before the
 * workflow moves on; a run that dies is resumed by any worker once its lease expires, replaying
 * finished steps from their checkpoints. Writes are fenced by the lease epoch, so with several
 * processes on one PostgreSQL store every step's checkpoint is written exactly once and a worker
 * that lost its lease stops without writing. Steps must be idempotent toward drivers: a step that
 * ran but did not checkpoint runs again after a crash.
 */
export class WorkflowRunner {
  readonly workerId: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly retryDelayMs: number;
  readonly faults: FaultInjector;
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly listeners: FinishedListener[] = [];
  private pollTimer: NodeJS.Timeout | undefined;
  private pumping = false;
  private pumpAgain = false;
  private started = false;
  private stopped = false;

  constructor(
    private readonly repo: WorkflowRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: WorkflowRunnerOptions = {},
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 1_000;
    this.concurrency = options.concurrency ?? 16;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.faults = options.faults ?? new FaultInjector();
  }

  register(definition: WorkflowDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`Workflow ${definition.name} is registered twice.`);
    this.definitions.set(definition.name, definition);
  }

  onFinished(listener: FinishedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Queues a workflow durably and returns its id once the row is committed. The same
   * idempotencyKey returns the existing workflow instead of starting a second one.
   */
  async start(name: string, input: unknown, options: { subjectId: string; idempotencyKey?: string }): Promise<string> {
    if (!this.definitions.has(name)) throw new Error(`Unknown workflow ${name}.`);
    const now = this.clock.now();
    const { record } = await this.repo.create({
      id: `wf-${randomUUID()}`,
      name,
      subjectId: options.subjectId,
      idempotencyKey: options.idempotencyKey,
      input,
      status: "PENDING",
      progress: 0,
      statusDetail: "",
      leaseEpoch: 0,
      createdAt: now,
      updatedAt: now,
    });
    if (this.started && !this.stopped) this.pump();
    return record.id;
  }

  get(id: string): Promise<WorkflowRecord | undefined> {
    return this.repo.get(id);
  }

  listBySubject(subjectId: string): Promise<WorkflowRecord[]> {
    return this.repo.listBySubject(subjectId);
  }

  /** Cancels a queued or running workflow; a running one stops at its next checkpoint. */
  async cancel(id: string): Promise<boolean> {
    const cancelled = await this.repo.cancel(id, this.clock.now());
    this.running.get(id)?.controller.abort();
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

  /** Stops claiming, aborts running workflows and releases their leases for another worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const r of this.running.values()) r.controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Resolves when the workflow has finished (tests, CLI --watch); polls the store. */
  async waitFor(id: string, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<WorkflowRecord> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const r = await this.repo.get(id);
      if (r && (r.status === "SUCCEEDED" || r.status === "FAILED" || r.status === "CANCELLED")) return r;
      if (Date.now() > deadline) throw new Error(`Workflow ${id} did not finish in time (status ${r?.status}).`);
      await sleep(options.intervalMs ?? 20);
    }
  }

  get activeCount(): number {
    return this.running.size;
  }

  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.claimLoop()
      .catch((err) => this.log.error({ err: String(err) }, "Failed to claim workflows"))
      .finally(() => {
        this.pumping = false;
        if (this.pumpAgain && !this.stopped) {
          this.pumpAgain = false;
          this.pump();
        }
      });
  }

  private async claimLoop(): Promise<void> {
    const names = [...this.definitions.keys()];
    while (!this.stopped && this.running.size < this.concurrency) {
      const now = this.clock.now();
      const record = await this.repo.claim(this.workerId, now, new Date(now.getTime() + this.leaseMs), names);
      if (!record) return;
      this.launch(record);
    }
  }

  private launch(record: WorkflowRecord): void {
    const controller = new AbortController();
    const done = this.execute(record, controller)
      .catch((err) => {
        if (!(err instanceof SimulatedCrash)) this.log.error({ workflowId: record.id, err: String(err) }, "Failed to run workflow");
      })
      .finally(() => {
        this.running.delete(record.id);
        if (!this.stopped) this.pump();
      });
    this.running.set(record.id, { controller, done });
  }

  private reach(point: FaultPoint, workflowId: string, stepKey?: string): void {
    this.faults.reach(point, workflowId, stepKey);
  }

  private async execute(record: WorkflowRecord, controller: AbortController): Promise<void> {
    const definition = this.definitions.get(record.name)!;
    const lease: Lease = { workflowId: record.id, owner: this.workerId, epoch: record.leaseEpoch };
    const log = this.log.child({ workflowId: record.id, workflow: record.name });
    const heartbeat = setInterval(() => {
      const expires = new Date(this.clock.now().getTime() + this.leaseMs);
      this.repo.renewLease(lease, expires).then(
        (held) => held || controller.abort(),
        () => undefined,
      );
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    heartbeat.unref();
    let crashed = false;
    try {
      this.reach("workflow.after-claim", record.id);
      const results: Record<string, unknown> = {};
      for (const c of await this.repo.listCheckpoints(record.id)) results[c.stepKey] = c.output;
      const run = new WorkflowRun(this, definition, record, lease, results, controller.signal, log);
      await run.execute();
    } catch (err) {
      if (err instanceof SimulatedCrash) {
        crashed = true;
        throw err;
      }
      if (err instanceof LeaseLost || controller.signal.aborted) {
        log.info({}, "Stopped workflow run: lease lost or worker stopping");
        return;
      }
      throw err;
    } finally {
      clearInterval(heartbeat);
      if (!crashed && controller.signal.aborted && this.stopped) {
        await this.repo.release(lease, this.clock.now()).catch(() => undefined);
      }
    }
  }

  /** @internal used by Run */
  checkpoint(lease: Lease, stepKey: string, output: unknown): Promise<boolean> {
    const now = this.clock.now();
    return this.repo.checkpoint(
      lease,
      { workflowId: lease.workflowId, stepKey, output: output ?? null, createdAt: now },
      new Date(now.getTime() + this.leaseMs),
    );
  }

  /** @internal */
  setProgress(lease: Lease, progress: number, detail: string): Promise<boolean> {
    return this.repo.setProgress(lease, progress, detail, this.clock.now());
  }

  /** @internal */
  async finish(lease: Lease, outcome: Parameters<WorkflowRepository["finish"]>[1]): Promise<void> {
    this.reach("workflow.before-complete", lease.workflowId);
    if (!(await this.repo.finish(lease, outcome, this.clock.now()))) throw new LeaseLost();
    const record = await this.repo.get(lease.workflowId);
    if (record) for (const l of this.listeners) l(record);
  }

  /** @internal */
  faultAt(point: FaultPoint, workflowId: string, stepKey?: string): void {
    this.reach(point, workflowId, stepKey);
  }

  /** @internal */
  retryDelay(attempt: number): number {
    return this.retryDelayMs * 2 ** (attempt - 1);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
