/**
 * Ways a run stops without an outcome. None of them is a step failure: the workflow stays
 * RUNNING and is resumed from its checkpoints by whichever worker holds it next.
 */

/** Thrown by a test's fault hook to make the runner abandon a run as if the process had died there. */
export class SimulatedCrash extends Error {
  constructor(point: string, options?: { cause?: unknown }) {
    super(`simulated crash at ${point}`, options);
    this.name = "SimulatedCrash";
  }
}

/** The run must stop without writing more; it no longer owns the workflow, or its worker stops. */
export class RunInterrupted extends Error {}

/** Another worker took the workflow over, it was cancelled, or it finished: a fenced write failed. */
export class LeaseLost extends RunInterrupted {
  constructor() {
    super("the workflow's lease is no longer held by this run");
    this.name = "LeaseLost";
  }
}

/** The runner is stopping: no new step starts, and the lease is released for another worker. */
export class WorkerStopping extends RunInterrupted {
  constructor() {
    super("the worker is stopping");
    this.name = "WorkerStopping";
  }
}
