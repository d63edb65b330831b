/**
 * A durable operation: a named workflow of checkpointed steps (STYLE.md section 5). The engine
 * runs them; the store keeps them, so a process that dies loses nothing.
 */
export const WORKFLOW_STATUSES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export interface WorkflowRecord {
  readonly id: string;
  /** Stable definition name, never renamed (e.g. `deploy-instance`). */
  readonly name: string;
  /** What the workflow works on, e.g. a service instance id. */
  readonly subjectId: string;
  readonly idempotencyKey?: string;
  /**
   * The node (one nestbox process's host-local state: its data directory) that alone may run
   * this workflow, because the resources it works on live there; undefined: any node.
   */
  readonly nodeId?: string;
  readonly input: unknown;
  readonly status: WorkflowStatus;
  /** 0..100 */
  readonly progress: number;
  readonly statusDetail: string;
  readonly result?: unknown;
  readonly error?: string;
  readonly leaseOwner?: string;
  readonly leaseExpiresAt?: Date;
  /** Grows on every claim; a checkpoint is accepted only under the epoch that claimed it. */
  readonly leaseEpoch: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt?: Date;
}

/** One checkpointed step result. */
export interface StepCheckpoint {
  readonly workflowId: string;
  /** Stable step key: a step id, or `<step id>:<child>` for fanned-out sub-steps. */
  readonly stepKey: string;
  readonly output: unknown;
  readonly createdAt: Date;
}

/** Proof of holding a workflow's lease; every write under it is fenced by the epoch. */
export interface Lease {
  readonly workflowId: string;
  readonly owner: string;
  readonly epoch: number;
}

/**
 * Storage of workflows and their checkpoints.
 *
 * - `create` with an idempotencyKey that exists returns the existing record (created: false).
 * - `claim` atomically takes one PENDING workflow, or a RUNNING one whose lease expired, for
 *   `owner` until `expiresAt`, bumping the epoch; safe with several processes on one store.
 * - Every write that takes a `lease` succeeds only while that lease is still the current one
 *   (same owner and epoch, workflow still RUNNING); otherwise it returns false and writes nothing
 *   (fencing). A takeover, a cancel or a finish all end a lease.
 * - `checkpoint` commits the step row and extends the lease in one transaction; a second write of
 *   the same step key keeps the first row.
 * - Store failures reject; nothing here throws for a lost race, it returns false or undefined.
 */
export interface WorkflowRepository {
  create(record: WorkflowRecord): Promise<{ record: WorkflowRecord; created: boolean }>;
  get(id: string): Promise<WorkflowRecord | undefined>;
  listBySubject(subjectId: string): Promise<WorkflowRecord[]>;
  /** Takes only workflows for any node or for `nodeId` (undefined: only those for any node). */
  claim(owner: string, now: Date, expiresAt: Date, names: readonly string[], nodeId?: string): Promise<WorkflowRecord | undefined>;
  /** Claims one specific workflow if it is claimable (used to start a new one at once). */
  claimById(id: string, owner: string, now: Date, expiresAt: Date): Promise<WorkflowRecord | undefined>;
  renewLease(lease: Lease, expiresAt: Date): Promise<boolean>;
  checkpoint(lease: Lease, checkpoint: StepCheckpoint, expiresAt: Date): Promise<boolean>;
  listCheckpoints(workflowId: string): Promise<StepCheckpoint[]>;
  setProgress(lease: Lease, progress: number, statusDetail: string, now: Date): Promise<boolean>;
  finish(
    lease: Lease,
    outcome: { status: "SUCCEEDED" | "FAILED"; result?: unknown; error?: string; statusDetail: string; progress: number },
    now: Date,
  ): Promise<boolean>;
  /** Releases the lease so another worker may take the workflow at once (graceful stop). */
  release(lease: Lease, now: Date): Promise<boolean>;
  /**
   * Expires every RUNNING workflow's lease so it can be claimed at once. Only for a store one
   * process owns (the embedded one), at startup: every lease found then belonged to a dead process.
   */
  releaseAll(now: Date): Promise<number>;
  /** PENDING or RUNNING -> CANCELLED; returns false if it had already finished. */
  cancel(id: string, now: Date): Promise<boolean>;
}
