import type { Logger } from "../../core/shared/logger.ts";
import type { Lease, WorkflowRecord } from "../../core/workflows/workflow.ts";
import {
  isRetryable,
  type StepContext,
  type StepDefinition,
  type WorkflowDefinition,
  type WorkflowFailure,
} from "./workflow-definition.ts";
import { LeaseLost, SimulatedCrash, type WorkflowRunner } from "./workflow-runner.ts";

/** Reserved checkpoint keys; step ids must not start with "__". */
const FAILED_KEY = "__failed";
const ON_FAILURE_KEY = "__on-failure";
const ON_SUCCESS_KEY = "__on-success";
const compensateKey = (stepId: string) => `__compensate:${stepId}`;

/** One execution of one workflow under one lease. */
export class WorkflowRun {
  private readonly steps: StepDefinition<unknown>[];
  private readonly totalWeight: number;
  private detail: string;

  constructor(
    private readonly runner: WorkflowRunner,
    private readonly definition: WorkflowDefinition,
    private readonly record: WorkflowRecord,
    private readonly lease: Lease,
    private readonly results: Record<string, unknown>,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
  ) {
    this.steps = definition.steps(record.input);
    for (const s of this.steps) if (s.id.startsWith("__")) throw new Error(`Step id ${s.id} is reserved.`);
    this.totalWeight = this.steps.reduce((sum, s) => sum + (s.weight ?? 1), 0) || 1;
    this.detail = record.statusDetail;
  }

  async execute(): Promise<void> {
    let failure = this.results[FAILED_KEY] as WorkflowFailure | undefined;
    if (!failure) {
      for (const step of this.steps) {
        if (step.id in this.results) continue;
        failure = await this.runStep(step);
        if (failure) break;
        await this.progress(undefined, `${step.id} finished`);
      }
    }
    if (failure) return this.fail(failure);
    if (this.definition.onSuccess && !(ON_SUCCESS_KEY in this.results)) {
      await this.definition.onSuccess(this.context(ON_SUCCESS_KEY));
      await this.save(ON_SUCCESS_KEY, true);
    }
    const last = this.steps.at(-1);
    await this.runner.finish(this.lease, {
      status: "SUCCEEDED",
      result: last ? this.results[last.id] : undefined,
      statusDetail: this.detail,
      progress: 100,
    });
  }

  /** Runs a step with retries; returns the failure when it fails for good. */
  private async runStep(step: StepDefinition<unknown>): Promise<WorkflowFailure | undefined> {
    const maxAttempts = this.definition.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        this.runner.faultAt("step.before-run", this.record.id, step.id);
        const output = await step.run(this.context(step.id));
        this.throwIfAborted();
        this.runner.faultAt("step.after-run-before-checkpoint", this.record.id, step.id);
        await this.save(step.id, output);
        this.runner.faultAt("step.after-checkpoint", this.record.id, step.id);
        return undefined;
      } catch (err) {
        if (err instanceof SimulatedCrash || err instanceof LeaseLost || this.signal.aborted) throw err;
        const message = err instanceof Error ? err.message : String(err);
        if (isRetryable(err) && attempt < maxAttempts) {
          this.log.warn({ step: step.id, attempt, err: message }, "Retrying workflow step");
          await sleep(this.runner.retryDelay(attempt));
          continue;
        }
        this.log.warn({ step: step.id, err: message }, "Failed workflow step");
        const failure: WorkflowFailure = { stepKey: step.id, message };
        await this.save(FAILED_KEY, failure);
        return failure;
      }
    }
  }

  private async fail(failure: WorkflowFailure): Promise<void> {
    const done = this.steps.filter((s) => s.id in this.results);
    for (const step of done.reverse()) {
      if (!step.compensate || compensateKey(step.id) in this.results) continue;
      try {
        await step.compensate(this.context(compensateKey(step.id)));
      } catch (err) {
        if (err instanceof SimulatedCrash || err instanceof LeaseLost || this.signal.aborted) throw err;
        // A compensation that fails is recorded and the rest still run: leaving more behind
        // would be worse than leaving this one.
        this.log.error({ step: step.id, err: String(err) }, "Failed to compensate workflow step");
      }
      await this.save(compensateKey(step.id), true);
    }
    if (this.definition.onFailure && !(ON_FAILURE_KEY in this.results)) {
      await this.definition.onFailure(this.context(ON_FAILURE_KEY), failure);
      await this.save(ON_FAILURE_KEY, true);
    }
    await this.runner.finish(this.lease, {
      status: "FAILED",
      error: failure.message,
      statusDetail: failure.message,
      progress: this.record.progress,
    });
  }

  private async save(key: string, output: unknown): Promise<void> {
    if (!(await this.runner.checkpoint(this.lease, key, output))) throw new LeaseLost();
    this.results[key] = output ?? null;
  }

  private async progress(percent: number | undefined, detail: string): Promise<void> {
    const doneWeight = this.steps.filter((s) => s.id in this.results).reduce((sum, s) => sum + (s.weight ?? 1), 0);
    const value = Math.max(0, Math.min(100, Math.round(percent ?? (100 * doneWeight) / this.totalWeight)));
    this.detail = detail;
    if (!(await this.runner.setProgress(this.lease, value, detail))) throw new LeaseLost();
  }

  private throwIfAborted(): void {
    if (this.signal.aborted) throw new LeaseLost();
  }

  private context(stepKey: string): StepContext<unknown> {
    const ctx: StepContext<unknown> = {
      workflowId: this.record.id,
      input: this.record.input,
      results: this.results,
      idempotencyKey: `${this.record.id}/${stepKey}`,
      signal: this.signal,
      log: this.log.child({ step: stepKey }),
      reportProgress: (percent, detail) => this.progress(percent, detail),
      child: async <T>(key: string, run: (c: StepContext<unknown>) => Promise<T>): Promise<T> => {
        const childKey = `${stepKey}:${key}`;
        if (childKey in this.results) return this.results[childKey] as T;
        this.runner.faultAt("step.before-run", this.record.id, childKey);
        const output = await run(this.context(childKey));
        this.throwIfAborted();
        this.runner.faultAt("step.after-run-before-checkpoint", this.record.id, childKey);
        await this.save(childKey, output);
        this.runner.faultAt("step.after-checkpoint", this.record.id, childKey);
        return output;
      },
    };
    return ctx;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
