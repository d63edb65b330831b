import type { DeploymentPlanner, PreparedDeployment } from "../../core/instances/instance-ports.ts";
import { PASSTHROUGH_PARAMETERS, resolveParameters } from "./parameters.ts";
import { planStack } from "./stack-plan.ts";
import { parseTemplate } from "./template-model.ts";

/** The DeploymentPlanner port on the ROS template evaluator. */
export class TemplateDeploymentPlanner implements DeploymentPlanner {
  prepare(input: {
    templateBody: string;
    parameters: Record<string, unknown>;
    regionId: string;
    accountId: string;
    instanceId: string;
  }): PreparedDeployment {
    const template = parseTemplate(input.templateBody);
    const resolved = resolveParameters(template, input.parameters);
    const plan = planStack(template, resolved, {
      stackId: input.instanceId,
      stackName: input.instanceId,
      region: input.regionId,
      accountId: input.accountId,
    });
    return {
      parameters: resolved.values,
      noEchoParameters: resolved.noEcho,
      resources: plan.layers.flat().map((id) => ({ logicalId: id, type: plan.resources[id]!.type })),
    };
  }

  upgradeRequiredParameters(templateBody: string, current: Record<string, unknown>): string[] {
    const template = parseTemplate(templateBody);
    return Object.entries(template.Parameters)
      .filter(([name, decl]) => decl.Default === undefined && !(name in current) && !PASSTHROUGH_PARAMETERS.has(name))
      .map(([name]) => name)
      .sort();
  }
}
