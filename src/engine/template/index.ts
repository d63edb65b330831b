export { parseTemplate, checkTemplate, type Template } from "./template-model.ts";
export { resolveParameters, type ResolvedParameters } from "./parameters.ts";
export {
  planStack,
  resolveProperties,
  resolveOutputs,
  propertiesHash,
  diffResources,
  pseudoParameters,
  type StackPlan,
  type PlannedResource,
  type CreatedResources,
  type ResolvedOutput,
  type ResourceDiff,
} from "./stack-plan.ts";
export { TemplateDeploymentPlanner } from "./deployment-planner.ts";
