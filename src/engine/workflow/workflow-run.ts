import type { Logger } from "../../core/shared/logger.ts";
import type { Lease, WorkflowRecord, WorkflowRepository } from "../../core/workflows/workflow.ts";
import type { FaultPoint } from "./fault-points.ts";
import { LeaseLost, RunInterrupted, SimulatedCrash, WorkerStopping } from "./run-interruptions.ts";
import {
  isRetryable,
  type StepContext,
  type StepDefinition,
  type WorkflowDefinition,
  type WorkflowFailure,
} from "./workflow-definition.ts";

/** Reserved checkpoint keys; step ids must not start with "__". Stored: never renamed. */
const FAILED_KEY = "__failed";
const ON_FAILURE_KEY = "__on-failure";
const ON_SUCCESS_KEY = "__on-success";
const compensateKey = (stepId: string) => `__compensate:${stepId}`;

/** What a run needs from its runner. Writes return false when the lease is no longer held. */
export interface RunHost {
  readonly stopping: boolean;
  listCheckpoints(workflowId: string): ReturnType<WorkflowRepository["listCheckpoints"]>;
  checkpoint(lease: Lease, stepKey: string, output: unknown): Promise<boolean>;
  setProgress(lease: Lease, progress: number, detail: string): Promise<boolean>;
  finish(lease: Lease, outcome: Parameters<WorkflowRepository["finish"]>[1]): Promise<boolean>;
  reach(point: FaultPoint, workflowId: string, stepKey?: string): void | Promise<void>;
  retryDelay(attempt: number): number;
}

/** Which sub-step an error came out of, so the failure names it (`layer-1:Web`, not `layer-1`). */
const failedSubStep = new WeakMap<object, string>();

/**
 * One execution of one workflow under one lease: replays checkpoints, runs the remaining steps,
 * compensates on failure and writes the outcome. Resolves when the workflow finished; rejects
 * with SimulatedCrash (abandoned: nothing more was written) or a RunInterrupted (lease lost or
 * worker stopping, with in-flight sub-steps settled), and with any other error when the store or
 * a hook failed outside a step.
 */
export class WorkflowRun {
  private readonly results: Record<string, unknown> = {};
  private readonly inflight = new Map<string, Promise<unknown>>();
  private steps: StepDefinition<unknown>[] = [];
  private definitionError: string | undefined;
  private totalWeight = 1;
  private detail: string;
  private progressValue: number;
  private crashed = false;
  /** Set once the run lost its lease or its worker began to stop; it stays so. */
  private interruption: RunInterrupted | undefined;

  constructor(
    private readonly host: RunHost,
    private readonly definition: WorkflowDefinition,
    private readonly record: WorkflowRecord,
    private readonly lease: Lease,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
  ) {
    this.detail = record.statusDetail;
    this.progressValue = record.progress;
  }

  async execute(): Promise<void> {
    try {
      await this.fault("workflow.after-claim");
      for (const c of await this.host.listCheckpoints(this.record.id)) this.results[c.stepKey] = c.output;
      this.buildSteps();
      await this.runToEnd();
    } catch (err) {
      if (this.crashed) throw err instanceof SimulatedCrash ? err : new SimulatedCrash("a sub-step", { cause: err });
      if (err instanceof RunInterrupted) throw err;
      if (this.interruption) throw this.interruption;
      if (this.signal.aborted) throw new LeaseLost();
      throw err;
    }
  }

  private buildSteps(): void {
    try {
      this.steps = this.definition.steps(this.record.input);
      const seen = new Set<string>();
      for (const s of this.steps) {
        if (!s.id || s.id.startsWith("__") || s.id.includes(":")) throw new Error(`Step id '${s.id}' is not allowed (empty, "__" prefix or ":").`);
        if (seen.has(s.id)) throw new Error(`Step id '${s.id}' is used twice.`);
        seen.add(s.id);
      }
      this.totalWeight = this.steps.reduce((sum, s) => sum + (s.weight ?? 1), 0) || 1;
    } catch (err) {
      this.steps = [];
      this.definitionError = `Workflow ${this.definition.name} could not build its steps: ${messageOf(err)}`;
    }
  }

  private async runToEnd(): Promise<void> {
    let failure = this.results[FAILED_KEY] as WorkflowFailure | undefined;
    if (!failure && this.definitionError) {
      failure = { stepKey: "", message: this.definitionError };
      await this.save(FAILED_KEY, failure);
    }
    if (!failure) {
      for (const step of this.steps) {
        if (step.id in this.results) continue;
        const before = this.detail;
        failure = await this.runStep(step);
        if (failure) break;
        await this.progress(undefined, this.detail !== before ? this.detail : `Finished step ${step.id}`);
      }
    }
    if (failure) return this.fail(failure);
    if (this.definition.onSuccess && !(ON_SUCCESS_KEY in this.results)) {
      await this.definition.onSuccess(this.context(ON_SUCCESS_KEY));
      await this.save(ON_SUCCESS_KEY, true);
    }
    const last = this.steps.at(-1);
    await this.complete({ status: "SUCCEEDED", result: last ? this.results[last.id] : undefined, statusDetail: this.detail, progress: 100 });
  }

  /** Runs a step with retries; returns the failure when it fails for good. */
  private async runStep(step: StepDefinition<unknown>): Promise<WorkflowFailure | undefined> {
    const maxAttempts = this.definition.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.beforeStart(step.id);
        const output = await step.run(this.context(step.id));
        await this.settleSubSteps(step.id);
        await this.afterRun(step.id, output);
        return undefined;
      } catch (err) {
        if (this.crashed) throw err;
        // Sub-steps still running finish (or see the abort) before a retry, a compensation or a
        // release, so none runs twice at once and none is left behind.
        await this.settleSubSteps(step.id);
        if (this.crashed || err instanceof RunInterrupted) throw err;
        // Step code may wrap a sub-step's interruption in an error of its own: still no failure.
        if (this.interruption) throw this.interruption;
        if (this.signal.aborted) this.interrupt(new LeaseLost());
        const message = messageOf(err);
        if (isRetryable(err) && attempt < maxAttempts) {
          this.log.warn({ step: step.id, attempt, err: message }, "Retrying workflow step");
          await sleep(this.host.retryDelay(attempt), this.signal);
          continue;
        }
        const stepKey = (typeof err === "object" && err !== null && failedSubStep.get(err)) || step.id;
        this.log.warn({ step: stepKey, err: message }, "Failed workflow step");
        const failure: WorkflowFailure = { stepKey, message };
        await this.save(FAILED_KEY, failure);
        return failure;
      }
    }
  }

  /** After a step's (or sub-step's) code returned: checkpoint it unless the run lost its claim. */
  private async afterRun(key: string, output: unknown): Promise<unknown> {
    if (this.signal.aborted) this.interrupt(new LeaseLost());
    await this.fault("step.after-run-before-checkpoint", key);
    const stored = await this.save(key, output);
    await this.fault("step.after-checkpoint", key);
    return stored;
  }

  private async beforeStart(key: string): Promise<void> {
    if (this.host.stopping) this.interrupt(new WorkerStopping());
    if (this.signal.aborted) this.interrupt(new LeaseLost());
    await this.fault("step.before-run", key);
  }

  private subStep<T>(parentKey: string, key: string, run: (ctx: StepContext<unknown>) => Promise<T>): Promise<T> {
    const childKey = `${parentKey}:${key}`;
    if (childKey in this.results) return Promise.resolve(this.results[childKey] as T);
    const running = this.inflight.get(childKey);
    if (running) return running as Promise<T>;
    const p = (async () => {
      await this.beforeStart(childKey);
      let output: T;
      try {
        output = await run(this.context(childKey));
        await this.settleSubSteps(childKey);
      } catch (err) {
        if (typeof err === "object" && err !== null && !failedSubStep.has(err)) failedSubStep.set(err, childKey);
        throw err;
      }
      return (await this.afterRun(childKey, output)) as T;
    })();
    this.inflight.set(childKey, p);
    const forget = () => this.inflight.get(childKey) === p && this.inflight.delete(childKey);
    p.then(forget, forget);
    return p;
  }

  private async settleSubSteps(key: string): Promise<void> {
    for (;;) {
      const pending = [...this.inflight].filter(([k]) => k.startsWith(`${key}:`)).map(([, p]) => p);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  private async fail(failure: WorkflowFailure): Promise<void> {
    const failedStep = failure.stepKey.split(":")[0];
    const touched = this.steps.filter(
      (s) => s.id in this.results || (s.id === failedStep && Object.keys(this.results).some((k) => k.startsWith(`${s.id}:`))),
    );
    for (const step of touched.reverse()) {
      if (!step.compensate || compensateKey(step.id) in this.results) continue;
      try {
        await step.compensate(this.context(compensateKey(step.id)));
      } catch (err) {
        if (this.crashed || err instanceof RunInterrupted) throw err;
        if (this.interruption) throw this.interruption;
        if (this.signal.aborted) this.interrupt(new LeaseLost());
        // A compensation that fails is recorded and the rest still run: leaving more behind
        // would be worse than leaving this one.
        this.log.error({ step: step.id, err: messageOf(err) }, "Failed to compensate workflow step");
      }
      await this.save(compensateKey(step.id), true);
    }
    if (this.definition.onFailure && !(ON_FAILURE_KEY in this.results)) {
      await this.definition.onFailure(this.context(ON_FAILURE_KEY), failure);
      await this.save(ON_FAILURE_KEY, true);
    }
    await this.complete({ status: "FAILED", error: failure.message, statusDetail: failure.message, progress: this.progressValue });
  }

  private async complete(outcome: Parameters<RunHost["finish"]>[1]): Promise<void> {
    await this.fault("workflow.before-complete");
    if (this.crashed) throw new SimulatedCrash("workflow.before-complete");
    if (!(await this.host.finish(this.lease, outcome))) this.interrupt(new LeaseLost());
  }

  /** Checkpoints under the lease; returns the value as stored (through JSON), as a replay sees it. */
  private async save(key: string, output: unknown): Promise<unknown> {
    if (this.crashed) throw new SimulatedCrash(`checkpoint ${key}`);
    const text = JSON.stringify(output ?? null);
    if (text === undefined) throw new Error(`Step ${key} returned a value that is not JSON: ${typeof output}.`);
    const stored: unknown = JSON.parse(text);
    if (!(await this.host.checkpoint(this.lease, key, stored))) this.interrupt(new LeaseLost());
    this.results[key] = stored;
    return stored;
  }

  private async progress(percent: number | undefined, detail: string): Promise<void> {
    if (this.crashed) throw new SimulatedCrash("progress");
    const doneWeight = this.steps.filter((s) => s.id in this.results).reduce((sum, s) => sum + (s.weight ?? 1), 0);
    const value = Math.max(0, Math.min(100, Math.round(percent ?? (100 * doneWeight) / this.totalWeight)));
    this.detail = detail;
    this.progressValue = value;
    if (!(await this.host.setProgress(this.lease, value, detail))) this.interrupt(new LeaseLost());
  }

  private interrupt(err: RunInterrupted): never {
    this.interruption ??= err;
    throw err;
  }

  /** A hook that throws abandons the run: from here on it writes nothing (as a dead process would). */
  private async fault(point: FaultPoint, key?: string): Promise<void> {
    if (this.crashed) throw new SimulatedCrash(point);
    try {
      await this.host.reach(point, this.record.id, key);
    } catch (err) {
      this.crashed = true;
      throw err instanceof SimulatedCrash ? err : new SimulatedCrash(point, { cause: err });
    }
  }

  private context(stepKey: string): StepContext<unknown> {
    return {
      workflowId: this.record.id,
      input: this.record.input,
      results: this.results,
      idempotencyKey: `${this.record.id}/${stepKey}`,
      signal: this.signal,
      log: this.log.child({ step: stepKey }),
      reportProgress: (a: number | string | undefined, b?: string) =>
        typeof a === "string" ? this.progress(undefined, a) : this.progress(a, b ?? this.detail),
      child: (key, run) => this.subStep(stepKey, key, run),
    };
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
