import type { Logger } from "../../core/shared/logger.ts";

/** What a step's code may use. */
export interface StepContext<I> {
  readonly workflowId: string;
  readonly input: I;
  /** Outputs of the steps (and sub-steps) finished so far, by step key. */
  readonly results: Readonly<Record<string, unknown>>;
  /** Stable key for calls toward drivers: `<workflow id>/<step key>`. */
  readonly idempotencyKey: string;
  /** Aborted when this worker loses the lease or stops; stop waiting and return. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Records progress (0..100, optional) and a status detail on the workflow. */
  reportProgress(percent: number | undefined, detail: string): Promise<void>;
  /**
   * Runs a sub-step checkpointed under `<step id>:<key>`: replayed from its checkpoint when it
   * already finished, so fanned-out work (e.g. one resource of a layer) runs once.
   */
  child<T>(key: string, run: (ctx: StepContext<I>) => Promise<T>): Promise<T>;
}

export interface StepDefinition<I> {
  /** Stable id, never renamed once released. */
  readonly id: string;
  /** Share of the workflow's progress (default 1). */
  readonly weight?: number;
  /** Must be idempotent toward drivers (use ctx.idempotencyKey). Returns JSON-serialisable data. */
  run(ctx: StepContext<I>): Promise<unknown>;
  /** Undoes the step when a later step fails for good; runs in reverse order. Idempotent. */
  compensate?(ctx: StepContext<I>): Promise<void>;
}

/**
 * A workflow: a stable name and its steps. `steps` may depend on the input (e.g. the resources
 * of a template) but must be the same for the same input, since resumed runs rebuild it.
 * `onFailure` runs once after compensation (idempotent, checkpointed) to record the failure
 * in the domain; `onSuccess` likewise after the last step.
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
  readonly stepKey: string;
  readonly message: string;
}

/** Errors that may succeed when tried again carry `retryable: true` (DriverError does). */
export const isRetryable = (e: unknown): boolean =>
  typeof e === "object" && e !== null && (e as { retryable?: unknown }).retryable === true;
