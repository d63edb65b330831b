import type { InstanceOutput, InstanceResource } from "../../core/instances/service-instance.ts";
import type { CreatedResources, StackPlan } from "../template/stack-plan.ts";
import { planStack } from "../template/stack-plan.ts";
import { resolveParameters } from "../template/parameters.ts";
import { parseTemplate } from "../template/template-model.ts";
import type { ResolvedOutput } from "../template/stack-plan.ts";

/** What applying one resource left behind, checkpointed as a sub-step result. */
export interface AppliedRecord {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  readonly attributes: Record<string, unknown>;
  readonly secretAttributes: string[];
  readonly propertiesHash: string;
}

/** The driver's key for one resource of one instance (see drivers/resource-key.ts). */
export const resourceKey = (instanceId: string, logicalId: string) => `${instanceId}.${logicalId}`;

/** Rebuilds the plan from the operation's arguments; deterministic, so every resumed run agrees. */
export function planFor(input: { instanceId: string; templateBody: string; parameters: Record<string, unknown>; regionId: string; accountId: string }): StackPlan {
  const template = parseTemplate(input.templateBody);
  const resolved = resolveParameters(template, input.parameters);
  return planStack(template, resolved, { stackId: input.instanceId, stackName: input.instanceId, region: input.regionId, accountId: input.accountId });
}

export function createdFrom(applied: ReadonlyMap<string, AppliedRecord>): CreatedResources {
  return {
    physicalId: (id) => applied.get(id)?.physicalId,
    attribute: (id, attr) => applied.get(id)?.attributes[attr],
    isSecret: (id, attr) => applied.get(id)?.secretAttributes.includes(attr) ?? false,
  };
}

export function toInstanceResources(applied: Iterable<AppliedRecord>, at: Date): InstanceResource[] {
  return [...applied].map((a) => ({
    logicalId: a.logicalId,
    type: a.type,
    physicalId: a.physicalId,
    status: "Created" as const,
    propertiesHash: a.propertiesHash,
    createdAt: at,
  }));
}

export function toInstanceOutputs(outputs: Record<string, ResolvedOutput>): Record<string, InstanceOutput> {
  const out: Record<string, InstanceOutput> = {};
  for (const [k, o] of Object.entries(outputs)) {
    out[k] = { value: o.value, noEcho: o.noEcho, description: typeof o.description === "string" ? o.description : undefined };
  }
  return out;
}
