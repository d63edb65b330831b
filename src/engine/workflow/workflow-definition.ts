import type { Logger } from "../../core/shared/logger.ts";

/**
 * What a step's code may use.
 *
 * Domain writes and checkpoints do not share a transaction: the engine sees the store only
 * through core's WorkflowRepository, and core's repositories are not scoped to a transaction.
 * Instead a step (or the onSuccess/onFailure hook) makes its domain write first and the
 * checkpoint follows; after a crash in between the write is made again. So domain writes from
 * workflow code must be idempotent: set a status or a value, never add to one.
 */
export interface StepContext<I> {
  readonly workflowId: string;
  readonly input: I;
  /**
   * Outputs of the steps (and sub-steps) finished so far, by step key, as stored: values went
   * through JSON, so a first run and a resumed run see the same data.
   */
  readonly results: Readonly<Record<string, unknown>>;
  /** Stable key for calls toward drivers: `<workflow id>/<step key>`, the same on every attempt. */
  readonly idempotencyKey: string;
  /**
   * Aborted when this worker loses the lease, the workflow is cancelled, or a stop's grace
   * period ends. Stop waiting and return (or throw); what the step returns then is discarded.
   */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Records a status detail (e.g. "Created Web (2/5)"); the progress stays derived from steps. */
  reportProgress(detail: string): Promise<void>;
  /** Records a status detail and, when given, the workflow's progress (0..100). */
  reportProgress(percent: number | undefined, detail: string): Promise<void>;
  /**
   * Runs a sub-step checkpointed under `<step key>:<key>`: replayed from its checkpoint when it
   * already finished, so fanned-out work (e.g. one resource of a layer) runs once. Sub-steps may
   * run in parallel (Promise.all). Asking for a key that is still running returns that run.
   * Keys must be stable for the same input and unique within the step.
   */
  child<T>(key: string, run: (ctx: StepContext<I>) => Promise<T>): Promise<T>;
}

export interface StepDefinition<I> {
  /** Stable id, never renamed once released; no ":" (it separates sub-step keys), no "__" prefix. */
  readonly id: string;
  /** Share of the workflow's progress (default 1). */
  readonly weight?: number;
  /**
   * Must be idempotent toward drivers (use ctx.idempotencyKey): a run that happened but was not
   * checkpointed (crash, lost lease) happens again. Returns JSON-serialisable data; anything
   * else fails the step for good.
   */
  run(ctx: StepContext<I>): Promise<unknown>;
  /**
   * Undoes the step when the workflow fails for good; runs in reverse order over the steps that
   * finished, and over the failed step too when some of its sub-steps were checkpointed (partial
   * work). Checkpointed once done, idempotent, sees the step's outputs in ctx.results. A
   * compensation that throws is logged and the others still run.
   */
  compensate?(ctx: StepContext<I>): Promise<void>;
}

/**
 * A workflow: a stable name and its steps. `steps` may depend on the input (e.g. the resources
 * of a template) but must be the same for the same input, since resumed runs rebuild it; if it
 * throws, the workflow fails (stepKey "") without running anything.
 * `onFailure` runs once after compensation (checkpointed, so idempotent) to record the failure in
 * the domain; `onSuccess` likewise after the last step. An error thrown by a hook (e.g. the store
 * is unavailable) leaves the workflow RUNNING: it is tried again when its lease expires.
 */
export interface WorkflowDefinition<I = any> {
  readonly name: string;
  steps(input: I): StepDefinition<I>[];
  onSuccess?(ctx: StepContext<I>): Promise<void>;
  onFailure?(ctx: StepContext<I>, error: WorkflowFailure): Promise<void>;
  /** Attempts of a step that throws a retryable error (default 3). */
  readonly maxAttempts?: number;
}

export interface WorkflowFailure {
  /** The step (or sub-step) that failed; "" when the definition could not build its steps. */
  readonly stepKey: string;
  readonly message: string;
}

/** Errors that may succeed when tried again carry `retryable: true` (DriverError does). */
export const isRetryable = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { retryable?: unknown }).retryable === true;
