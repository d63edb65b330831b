import type { EasOperationPlan } from "../../core/eas/eas-ports.ts";
import type { EasOperation } from "../../core/eas/eas-service-status.ts";
import type { EasRunSpec } from "../../core/eas/eas-spec.ts";
import type { Driver } from "../drivers/driver.ts";
import { isDriverError } from "../drivers/driver-error.ts";
import { LOCAL_PROCESS_TYPE } from "../drivers/local-driver.ts";
import type { StepContext, StepDefinition, WorkflowDefinition } from "../workflow/workflow-definition.ts";

/** Stable workflow names, one per EAS operation (never renamed). */
export const EAS_WORKFLOWS: Readonly<Record<EasOperation, string>> = {
  Create: "eas-create-service",
  Update: "eas-update-service",
  Scale: "eas-scale-service",
  SwitchVersion: "eas-switch-service-version",
  Stop: "eas-stop-service",
  Start: "eas-start-service",
  Restart: "eas-restart-service",
  Delete: "eas-delete-service",
};

/** Stable step ids. */
export const EAS_STEP = { remove: "remove", apply: "apply", rollout: "rollout", stop: "stop", start: "start", restart: "restart" } as const;

export interface EasWorkflowInput {
  readonly serviceId: string;
  readonly operation: EasOperation;
  readonly plan: EasOperationPlan;
}

/** Receives the outcome of each operation (the core's EasServiceManager). */
export interface EasOperationReporter {
  completeOperation(serviceId: string, kind: EasOperation, outcome: { succeeded: boolean; message: string }): Promise<void>;
}

interface Deps {
  readonly driver: Driver;
  readonly reporter: () => EasOperationReporter;
}

/** One `Nestbox::Local::Process` per instance slot, so slots scale and restart on their own. */
export const slotRef = (serviceId: string, slot: number) => ({ key: `eas.${serviceId}.${slot}`, type: LOCAL_PROCESS_TYPE });

/** The local process properties of one instance (PORT is set by the driver per replica). */
export function slotProperties(run: EasRunSpec): Record<string, unknown> {
  return {
    Command: [...run.argv],
    Env: { ...run.env },
    Replicas: 1,
    StopTimeout: 5,
    ...(run.readiness === "tcp" ? { ReadinessCheck: { Tcp: true } } : {}),
  };
}

const notFound = (e: unknown) => isDriverError(e) && (e.code === "RESOURCE_NOT_FOUND" || e.code === "REPLICA_NOT_FOUND");

/**
 * One workflow per operation. Steps act slot by slot under sub-step checkpoints, so a resumed
 * run skips slots already done: remove (destroy scale-in victims or everything on delete), apply
 * (new slots in parallel), rollout (every slot one after another: the driver starts the new
 * process, waits until it is ready, then stops the old one, so the service keeps serving),
 * stop / start / restart (each slot).
 */
function easWorkflow(operation: EasOperation, deps: Deps): WorkflowDefinition<EasWorkflowInput> {
  const each = (id: string, parallel: boolean, act: (input: EasWorkflowInput, slot: number, ctx: StepContext<EasWorkflowInput>) => Promise<unknown>, slotsOf: (p: EasOperationPlan) => readonly number[]): StepDefinition<EasWorkflowInput> => ({
    id,
    async run(ctx) {
      const slots = slotsOf(ctx.input.plan);
      const one = (slot: number) => ctx.child(String(slot), async (c) => {
        await act(ctx.input, slot, c);
        return slot;
      });
      if (parallel) await Promise.all(slots.map(one));
      else for (const slot of slots) await one(slot);
      return slots.length;
    },
  });
  const apply = (input: EasWorkflowInput, slot: number, c: StepContext<EasWorkflowInput>) =>
    deps.driver.apply({ ...slotRef(input.serviceId, slot), properties: slotProperties(input.plan.run) }, { signal: c.signal });
  const remove = each(EAS_STEP.remove, true, (input, slot) => deps.driver.destroy(slotRef(input.serviceId, slot)), (p) => p.remove);

  const steps = (): StepDefinition<EasWorkflowInput>[] => {
    switch (operation) {
      case "Create":
      case "Scale":
        return [remove, each(EAS_STEP.apply, true, apply, (p) => p.slots)];
      case "Update":
      case "SwitchVersion":
        return [remove, each(EAS_STEP.rollout, false, apply, (p) => p.slots)];
      case "Stop":
        return [each(EAS_STEP.stop, true, (input, slot) => deps.driver.stop(slotRef(input.serviceId, slot)).catch((e) => (notFound(e) ? undefined : Promise.reject(e))), (p) => p.slots)];
      case "Start":
        return [
          each(EAS_STEP.start, true, (input, slot, c) =>
            deps.driver.start(slotRef(input.serviceId, slot), { signal: c.signal }).catch((e) => (notFound(e) ? apply(input, slot, c) : Promise.reject(e))),
          (p) => p.slots),
        ];
      case "Restart":
        return [
          each(EAS_STEP.restart, false, (input, slot, c) =>
            deps.driver.restart(slotRef(input.serviceId, slot), { signal: c.signal }).catch((e) => (notFound(e) ? apply(input, slot, c) : Promise.reject(e))),
          (p) => p.slots),
        ];
      case "Delete":
        return [remove];
    }
  };
  const done: Record<EasOperation, string> = {
    Create: "Service start successfully",
    Update: "Service updated successfully",
    Scale: "Service scaled successfully",
    SwitchVersion: "Service version switched successfully",
    Stop: "Service stopped successfully",
    Start: "Service start successfully",
    Restart: "Service restarted successfully",
    Delete: "Service deleted",
  };
  return {
    name: EAS_WORKFLOWS[operation],
    steps,
    onSuccess: (ctx) => deps.reporter().completeOperation(ctx.input.serviceId, operation, { succeeded: true, message: done[operation] }),
    onFailure: (ctx, failure) => deps.reporter().completeOperation(ctx.input.serviceId, operation, { succeeded: false, message: failure.message }),
  };
}

export function easWorkflows(deps: Deps): WorkflowDefinition<EasWorkflowInput>[] {
  return (Object.keys(EAS_WORKFLOWS) as EasOperation[]).map((op) => easWorkflow(op, deps));
}
