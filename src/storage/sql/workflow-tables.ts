/** Durable workflows and their step checkpoints (src/core/workflows/workflow.ts). */
export interface WorkflowTables {
  workflows: {
    id: string;
    name: string;
    subject_id: string;
    idempotency_key: string | null;
    /** Added by migration 0011. */
    node_id: string | null;
    input: string;
    status: string;
    progress: number;
    status_detail: string;
    result: string | null;
    error: string | null;
    lease_owner: string | null;
    lease_expires_at: number | null;
    lease_epoch: number;
    created_at: number;
    updated_at: number;
    finished_at: number | null;
  };
  workflow_steps: {
    workflow_id: string;
    step_key: string;
    output: string;
    created_at: number;
  };
}
