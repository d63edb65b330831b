import type { InstanceOperation } from "../../core/instances/instance-status.ts";
import type { ServiceInstance } from "../../core/instances/service-instance.ts";
import type { Driver } from "../drivers/driver.ts";
import { propertiesHash, resolveOutputs, resolveProperties } from "../template/stack-plan.ts";
import type { StepContext, StepDefinition, WorkflowDefinition } from "../workflow/workflow-definition.ts";
import type { InstanceReporter } from "./instance-reporter.ts";
import {
  createdFrom,
  planFor,
  resourceKey,
  toInstanceOutputs,
  toInstanceResources,
  type AppliedRecord,
} from "./stack-state.ts";

/** Stable workflow names, one per instance operation (never renamed). */
export const INSTANCE_WORKFLOWS: Readonly<Record<InstanceOperation, string>> = {
  Deploy: "deploy-instance",
  ContinueDeploy: "continue-deploy-instance",
  Upgrade: "upgrade-instance",
  Rollback: "rollback-instance",
  Stop: "stop-instance",
  Start: "start-instance",
  Restart: "restart-instance",
  Delete: "delete-instance",
};

/** Stable step ids. */
export const STEP = { layer: (n: number) => `layer-${n}`, removeOld: "remove-old", eachResource: "resources" } as const;

export interface InstanceWorkflowInput {
  readonly instanceId: string;
  readonly operation: InstanceOperation;
  readonly args: Record<string, unknown>;
  /** Snapshot taken when the workflow was queued: who owns it, where, and what exists. */
  readonly accountId: string;
  readonly regionId: string;
  readonly keepOnFailure: boolean;
  readonly resources: ServiceInstance["resources"];
}

interface Deps {
  readonly driver: Driver;
  readonly reporter: InstanceReporter;
  readonly clock: { now(): Date };
}

const applyKey = (n: number, id: string) => `${STEP.layer(n)}:${id}`;

/**
 * Deploy, ContinueDeploy, Upgrade and Rollback apply a stack: one step per layer of the plan, the
 * resources of a layer applied in parallel, each checkpointed on its own. For upgrades a resource
 * whose resolved properties hash equals the running one is kept untouched; changed ones are
 * applied (the local driver replaces replicas one by one, so the service stays up); resources the
 * new template no longer has are destroyed at the end.
 */
function applyStackWorkflow(name: string, deps: Deps): WorkflowDefinition<InstanceWorkflowInput> {
  const planOf = (input: InstanceWorkflowInput) =>
    planFor({
      instanceId: input.instanceId,
      templateBody: String(input.args.templateBody ?? ""),
      parameters: (input.args.parameters as Record<string, unknown>) ?? {},
      regionId: input.regionId,
      accountId: input.accountId,
    });
  const appliedSoFar = (ctx: StepContext<InstanceWorkflowInput>, layers: readonly (readonly string[])[]) => {
    const map = new Map<string, AppliedRecord>();
    layers.forEach((layer, n) => {
      for (const id of layer) {
        const r = ctx.results[applyKey(n, id)] as AppliedRecord | undefined;
        if (r) map.set(id, r);
      }
    });
    return map;
  };
  const isUpgrade = name === INSTANCE_WORKFLOWS.Upgrade || name === INSTANCE_WORKFLOWS.Rollback;

  return {
    name,
    steps(input) {
      const plan = planOf(input);
      const before = new Map(input.resources.map((r) => [r.logicalId, r]));
      const total = plan.layers.flat().length;
      const steps: StepDefinition<InstanceWorkflowInput>[] = plan.layers.map((layer, n) => ({
        id: STEP.layer(n),
        weight: layer.length,
        async run(ctx) {
          await Promise.all(
            layer.map((logicalId) =>
              ctx.child(logicalId, async (c) => {
                const res = plan.resources[logicalId]!;
                const properties = resolveProperties(plan, logicalId, createdFrom(appliedSoFar(ctx, plan.layers)));
                const hash = propertiesHash(res.type, properties);
                const ref = { key: resourceKey(input.instanceId, logicalId), type: res.type };
                const old = before.get(logicalId);
                if (isUpgrade && old?.propertiesHash === hash && old.type === res.type) {
                  const seen = await deps.driver.observe(ref);
                  if (seen) {
                    return { logicalId, type: res.type, physicalId: seen.physicalId, attributes: { ...seen.attributes }, secretAttributes: [...seen.secretAttributes], propertiesHash: hash } satisfies AppliedRecord;
                  }
                }
                const applied = await deps.driver.apply({ ...ref, properties }, { signal: c.signal });
                return { logicalId, type: res.type, physicalId: applied.physicalId, attributes: { ...applied.attributes }, secretAttributes: [...applied.secretAttributes], propertiesHash: hash } satisfies AppliedRecord;
              }),
            ),
          );
          const done = appliedSoFar(ctx, plan.layers);
          const detail = `Created ${layer.join(", ")} (${done.size}/${total})`;
          await ctx.reportProgress(undefined, detail);
          await deps.reporter.service.recordProgress(input.instanceId, {
            progress: Math.round((90 * done.size) / Math.max(1, total)),
            statusDetail: detail,
            resources: toInstanceResources(done.values(), deps.clock.now()),
          });
          return layer;
        },
      }));
      if (isUpgrade) {
        const removed = input.resources.filter((r) => !(r.logicalId in plan.resources));
        steps.push({
          id: STEP.removeOld,
          async run() {
            for (const r of removed) await deps.driver.destroy({ key: resourceKey(input.instanceId, r.logicalId), type: r.type });
            return removed.map((r) => r.logicalId);
          },
        });
      }
      return steps;
    },
    async onSuccess(ctx) {
      const plan = planOf(ctx.input);
      const applied = appliedSoFar(ctx, plan.layers);
      const outputs = resolveOutputs(plan, createdFrom(applied));
      await deps.reporter.service.completeOperation(ctx.input.instanceId, ctx.input.operation, {
        succeeded: true,
        statusDetail: isUpgrade ? `${ctx.input.operation.toLowerCase()} successfully` : "deploy successfully",
        outputs: toInstanceOutputs(outputs),
        resources: toInstanceResources(applied.values(), deps.clock.now()),
      });
    },
    async onFailure(ctx, failure) {
      const input = ctx.input;
      let resources = input.resources;
      let plan: ReturnType<typeof planOf> | undefined;
      try {
        plan = isUpgrade ? undefined : planOf(input);
      } catch {
        plan = undefined; // the template itself failed: nothing of it was made
      }
      if (plan) {
        const applied = appliedSoFar(ctx, plan.layers);
        if (input.keepOnFailure) {
          resources = toInstanceResources(applied.values(), deps.clock.now());
        } else {
          // Clean up what this deploy made, newest first, including a resource whose apply failed
          // half-way (destroy is idempotent and fine with a missing resource).
          for (const id of plan.layers.flat().reverse()) {
            await deps.driver.destroy({ key: resourceKey(input.instanceId, id), type: plan.resources[id]!.type }).catch((e) =>
              ctx.log.warn({ resource: id, err: String(e) }, "Failed to clean up resource after failed deploy"),
            );
          }
          resources = [];
        }
      }
      await deps.reporter.service.completeOperation(input.instanceId, input.operation, {
        succeeded: false,
        statusDetail: failure.message,
        resources,
      });
    },
  };
}

/** Stop, Start, Restart and Delete act on the resources the instance has, in order. */
function eachResourceWorkflow(name: string, operation: InstanceOperation, deps: Deps): WorkflowDefinition<InstanceWorkflowInput> {
  const act = (input: InstanceWorkflowInput, r: ServiceInstance["resources"][number], signal: AbortSignal) => {
    const ref = { key: resourceKey(input.instanceId, r.logicalId), type: r.type };
    switch (operation) {
      case "Stop":
        return deps.driver.stop(ref);
      case "Start":
        return deps.driver.start(ref, { signal });
      case "Restart":
        return deps.driver.restart(ref, { signal });
      default:
        return deps.driver.destroy(ref);
    }
  };
  return {
    name,
    steps(input) {
      // Delete goes newest first so dependents go before what they depend on.
      const ordered = operation === "Delete" ? [...input.resources].reverse() : [...input.resources];
      return [
        {
          id: STEP.eachResource,
          async run(ctx) {
            for (const r of ordered) {
              await ctx.child(r.logicalId, async (c) => {
                await act(input, r, c.signal);
                return true;
              });
            }
            return ordered.length;
          },
        },
      ];
    },
    async onSuccess(ctx) {
      const detail = { Stop: "stopped", Start: "started", Restart: "restarted", Delete: "deleted" }[operation as "Stop"] ?? "done";
      await deps.reporter.service.completeOperation(ctx.input.instanceId, operation, {
        succeeded: true,
        statusDetail: `${operation.toLowerCase()} successfully: ${detail}`,
        ...(operation === "Delete" ? { resources: [], outputs: {} } : {}),
      });
    },
    async onFailure(ctx, failure) {
      await deps.reporter.service.completeOperation(ctx.input.instanceId, operation, { succeeded: false, statusDetail: failure.message });
    },
  };
}

export function instanceWorkflows(deps: Deps): WorkflowDefinition<InstanceWorkflowInput>[] {
  return [
    applyStackWorkflow(INSTANCE_WORKFLOWS.Deploy, deps),
    applyStackWorkflow(INSTANCE_WORKFLOWS.ContinueDeploy, deps),
    applyStackWorkflow(INSTANCE_WORKFLOWS.Upgrade, deps),
    applyStackWorkflow(INSTANCE_WORKFLOWS.Rollback, deps),
    eachResourceWorkflow(INSTANCE_WORKFLOWS.Stop, "Stop", deps),
    eachResourceWorkflow(INSTANCE_WORKFLOWS.Start, "Start", deps),
    eachResourceWorkflow(INSTANCE_WORKFLOWS.Restart, "Restart", deps),
    eachResourceWorkflow(INSTANCE_WORKFLOWS.Delete, "Delete", deps),
  ];
}
