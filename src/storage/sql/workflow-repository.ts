import type { Kysely, Selectable, UpdateQueryBuilder, UpdateResult } from "kysely";
import type {
  Lease,
  StepCheckpoint,
  WorkflowRecord,
  WorkflowRepository,
  WorkflowStatus,
} from "../../core/workflows/workflow.ts";
import type { DialectName } from "./dialects/dialect.ts";
import type { DB } from "./schema.ts";
import type { WorkflowTables } from "./workflow-tables.ts";

type Row = Selectable<WorkflowTables["workflows"]>;

/**
 * WorkflowRepository on SQLite or PostgreSQL. Claims use one conditional UPDATE; on PostgreSQL
 * the candidate row is picked with FOR UPDATE SKIP LOCKED so concurrent workers never take the
 * same workflow. Fenced writes re-check (owner, epoch) inside the same statement or transaction.
 */
export class SqlWorkflowRepository implements WorkflowRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: DialectName,
  ) {}

  async create(record: WorkflowRecord): Promise<{ record: WorkflowRecord; created: boolean }> {
    const result = await this.db
      .insertInto("workflows")
      .values(toRow(record))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return { record, created: true };
    const existing = record.idempotencyKey
      ? await this.db.selectFrom("workflows").selectAll().where("idempotency_key", "=", record.idempotencyKey).executeTakeFirst()
      : await this.db.selectFrom("workflows").selectAll().where("id", "=", record.id).executeTakeFirst();
    if (!existing) throw new Error(`Workflow ${record.id} was neither created nor found.`);
    return { record: fromRow(existing), created: false };
  }

  async get(id: string): Promise<WorkflowRecord | undefined> {
    const row = await this.db.selectFrom("workflows").selectAll().where("id", "=", id).executeTakeFirst();
    return row && fromRow(row);
  }

  async listBySubject(subjectId: string): Promise<WorkflowRecord[]> {
    const rows = await this.db
      .selectFrom("workflows")
      .selectAll()
      .where("subject_id", "=", subjectId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(fromRow);
  }

  async claim(owner: string, now: Date, expiresAt: Date, names: readonly string[], nodeId?: string): Promise<WorkflowRecord | undefined> {
    if (names.length === 0) return undefined;
    const t = now.getTime();
    let candidate = this.db
      .selectFrom("workflows")
      .select("id")
      .where("name", "in", names)
      .where((eb) => (nodeId === undefined ? eb("node_id", "is", null) : eb.or([eb("node_id", "is", null), eb("node_id", "=", nodeId)])))
      .where((eb) =>
        eb.or([
          eb("status", "=", "PENDING"),
          eb.and([eb("status", "=", "RUNNING"), eb("lease_expires_at", "<", t)]),
        ]),
      )
      .orderBy("created_at")
      .limit(1);
    if (this.dialect === "postgres") candidate = candidate.forUpdate().skipLocked();
    return this.takeLease(owner, t, expiresAt, (q) => q.where("id", "=", (eb) => eb.selectFrom(candidate.as("c")).select("c.id")));
  }

  async claimById(id: string, owner: string, now: Date, expiresAt: Date): Promise<WorkflowRecord | undefined> {
    return this.takeLease(owner, now.getTime(), expiresAt, (q) => q.where("id", "=", id));
  }

  /** One conditional UPDATE: the row must still be PENDING or hold an expired lease. */
  private async takeLease(
    owner: string,
    t: number,
    expiresAt: Date,
    which: (q: UpdateQueryBuilder<DB, "workflows", "workflows", UpdateResult>) => UpdateQueryBuilder<DB, "workflows", "workflows", UpdateResult>,
  ): Promise<WorkflowRecord | undefined> {
    const row = await which(
      this.db.updateTable("workflows").set((eb) => ({
        status: "RUNNING",
        lease_owner: owner,
        lease_expires_at: expiresAt.getTime(),
        lease_epoch: eb("lease_epoch", "+", 1),
        updated_at: t,
      })),
    )
      .where((eb) =>
        eb.or([eb("status", "=", "PENDING"), eb.and([eb("status", "=", "RUNNING"), eb("lease_expires_at", "<", t)])]),
      )
      .returningAll()
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async renewLease(lease: Lease, expiresAt: Date): Promise<boolean> {
    const r = await this.db
      .updateTable("workflows")
      .set({ lease_expires_at: expiresAt.getTime() })
      .where("id", "=", lease.workflowId)
      .where("lease_owner", "=", lease.owner)
      .where("lease_epoch", "=", lease.epoch)
      .where("status", "=", "RUNNING")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async checkpoint(lease: Lease, checkpoint: StepCheckpoint, expiresAt: Date): Promise<boolean> {
    // The fencing UPDATE takes the workflow row's lock first, so a takeover claim either happened
    // before (we see another epoch and write nothing) or waits until we commit.
    return this.db.transaction().execute(async (tx) => {
      const r = await tx
        .updateTable("workflows")
        .set({ lease_expires_at: expiresAt.getTime(), updated_at: checkpoint.createdAt.getTime() })
        .where("id", "=", lease.workflowId)
        .where("lease_owner", "=", lease.owner)
        .where("lease_epoch", "=", lease.epoch)
        .where("status", "=", "RUNNING")
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await tx
        .insertInto("workflow_steps")
        .values({
          workflow_id: checkpoint.workflowId,
          step_key: checkpoint.stepKey,
          output: JSON.stringify(checkpoint.output ?? null),
          created_at: checkpoint.createdAt.getTime(),
        })
        .onConflict((oc) => oc.columns(["workflow_id", "step_key"]).doNothing())
        .execute();
      return true;
    });
  }

  async listCheckpoints(workflowId: string): Promise<StepCheckpoint[]> {
    const rows = await this.db
      .selectFrom("workflow_steps")
      .selectAll()
      .where("workflow_id", "=", workflowId)
      .orderBy("created_at")
      .orderBy("step_key")
      .execute();
    return rows.map((r) => ({
      workflowId: r.workflow_id,
      stepKey: r.step_key,
      output: JSON.parse(r.output),
      createdAt: new Date(Number(r.created_at)),
    }));
  }

  async setProgress(lease: Lease, progress: number, statusDetail: string, now: Date): Promise<boolean> {
    const r = await this.fenced(lease)
      .set({ progress, status_detail: statusDetail, updated_at: now.getTime() })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async finish(
    lease: Lease,
    outcome: { status: "SUCCEEDED" | "FAILED"; result?: unknown; error?: string; statusDetail: string; progress: number },
    now: Date,
  ): Promise<boolean> {
    const r = await this.fenced(lease)
      .set({
        status: outcome.status,
        result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
        error: outcome.error ?? null,
        status_detail: outcome.statusDetail,
        progress: outcome.progress,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now.getTime(),
        finished_at: now.getTime(),
      })
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async release(lease: Lease, now: Date): Promise<boolean> {
    // An expired lease is claimable at once; keep the row RUNNING so its checkpoints stay valid.
    const r = await this.fenced(lease).set({ lease_expires_at: 0, updated_at: now.getTime() }).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async releaseAll(now: Date): Promise<number> {
    const r = await this.db
      .updateTable("workflows")
      .set({ lease_expires_at: 0, updated_at: now.getTime() })
      .where("status", "=", "RUNNING")
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async cancel(id: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable("workflows")
      .set({ status: "CANCELLED", lease_owner: null, lease_expires_at: null, updated_at: now.getTime(), finished_at: now.getTime() })
      .where("id", "=", id)
      .where("status", "in", ["PENDING", "RUNNING"])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  private fenced(lease: Lease) {
    return this.db
      .updateTable("workflows")
      .where("id", "=", lease.workflowId)
      .where("lease_owner", "=", lease.owner)
      .where("lease_epoch", "=", lease.epoch)
      .where("status", "=", "RUNNING");
  }
}

function toRow(r: WorkflowRecord): WorkflowTables["workflows"] {
  return {
    id: r.id,
    name: r.name,
    subject_id: r.subjectId,
    idempotency_key: r.idempotencyKey ?? null,
    node_id: r.nodeId ?? null,
    input: JSON.stringify(r.input ?? null),
    status: r.status,
    progress: r.progress,
    status_detail: r.statusDetail,
    result: r.result === undefined ? null : JSON.stringify(r.result),
    error: r.error ?? null,
    lease_owner: r.leaseOwner ?? null,
    lease_expires_at: r.leaseExpiresAt?.getTime() ?? null,
    lease_epoch: r.leaseEpoch,
    created_at: r.createdAt.getTime(),
    updated_at: r.updatedAt.getTime(),
    finished_at: r.finishedAt?.getTime() ?? null,
  };
}

function fromRow(r: Row): WorkflowRecord {
  return {
    id: r.id,
    name: r.name,
    subjectId: r.subject_id,
    idempotencyKey: r.idempotency_key ?? undefined,
    nodeId: r.node_id ?? undefined,
    input: JSON.parse(r.input),
    status: r.status as WorkflowStatus,
    progress: Number(r.progress),
    statusDetail: r.status_detail,
    result: r.result === null ? undefined : JSON.parse(r.result),
    error: r.error ?? undefined,
    leaseOwner: r.lease_owner ?? undefined,
    leaseExpiresAt: r.lease_expires_at === null ? undefined : new Date(Number(r.lease_expires_at)),
    leaseEpoch: Number(r.lease_epoch),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    finishedAt: r.finished_at === null ? undefined : new Date(Number(r.finished_at)),
  };
}
