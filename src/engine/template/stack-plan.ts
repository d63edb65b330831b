import { createHash } from "node:crypto";
import { templateInvalid } from "./template-errors.ts";
import { collectReferences, evaluate, NO_VALUE, type EvalScope } from "./functions.ts";
import type { Template } from "./template-model.ts";

export interface PseudoValues {
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
}

export interface PlannedResource {
  readonly logicalId: string;
  readonly type: string;
  /** Explicit DependsOn plus the implicit ones of Ref, GetAtt and Sub, sorted. */
  readonly dependsOn: readonly string[];
  readonly deletionPolicy: "Delete" | "Retain";
  /** Properties as written, functions unevaluated. */
  readonly rawProperties: Readonly<Record<string, unknown>>;
}

/** The active resources of a template for given parameters, in creation layers. */
export interface StackPlan {
  readonly template: Template;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly noEchoParameters: readonly string[];
  readonly pseudo: Readonly<Record<string, unknown>>;
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly resources: Readonly<Record<string, PlannedResource>>;
  /** Each layer depends only on earlier layers: its resources can be created in parallel. */
  readonly layers: readonly (readonly string[])[];
}

/** Pseudo parameters of ALIBABA.md 6.6. */
export function pseudoParameters(p: PseudoValues): Record<string, unknown> {
  return {
    "ALIYUN::StackId": p.stackId,
    "ALIYUN::StackName": p.stackName,
    "ALIYUN::Region": p.region,
    "ALIYUN::AccountId": p.accountId,
    "ALIYUN::TenantId": p.accountId,
    "ALIYUN::NoValue": NO_VALUE,
  };
}

/**
 * Evaluates conditions, drops inactive resources and outputs, checks every reference, and
 * orders the rest into layers. Deterministic: the same input gives the same plan.
 */
export function planStack(
  template: Template,
  resolved: { values: Readonly<Record<string, unknown>>; noEcho: readonly string[] },
  pseudo: PseudoValues,
): StackPlan {
  const pseudoValues = pseudoParameters(pseudo);
  const conditions = evaluateConditions(template, resolved.values, pseudoValues);
  const cond = (name: string) => {
    if (!(name in conditions)) throw templateInvalid(`Conditions.${name}`, "is not declared");
    return conditions[name]!;
  };
  const active = Object.entries(template.Resources).filter(([, r]) => (r.Condition ? cond(r.Condition) : true));
  const activeIds = new Set(active.map(([id]) => id));
  const resources: Record<string, PlannedResource> = {};
  for (const [id, r] of active) {
    const deps = new Set<string>();
    for (const d of r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn : [r.DependsOn]) {
      if (!(d in template.Resources)) throw templateInvalid(`Resources.${id}.DependsOn`, `names unknown resource ${d}`);
      if (activeIds.has(d)) deps.add(d);
    }
    for (const ref of collectReferences(r.Properties ?? {}, cond, `Resources.${id}.Properties`)) {
      checkReference(template, ref.name, ref.attribute, activeIds, pseudoValues, `Resources.${id}.Properties`);
      if (ref.name in template.Resources) deps.add(ref.name);
    }
    if (deps.has(id)) throw templateInvalid(`Resources.${id}`, "depends on itself");
    resources[id] = {
      logicalId: id,
      type: r.Type,
      dependsOn: [...deps].sort(),
      deletionPolicy: r.DeletionPolicy ?? "Delete",
      rawProperties: r.Properties ?? {},
    };
  }
  for (const [name, o] of Object.entries(template.Outputs)) {
    if (o.Condition && !cond(o.Condition)) continue;
    for (const ref of collectReferences(o.Value, cond, `Outputs.${name}.Value`)) {
      checkReference(template, ref.name, ref.attribute, activeIds, pseudoValues, `Outputs.${name}.Value`);
    }
  }
  return {
    template,
    parameters: resolved.values,
    noEchoParameters: [...resolved.noEcho],
    pseudo: pseudoValues,
    conditions,
    resources,
    layers: layer(resources),
  };
}

function checkReference(
  template: Template,
  name: string,
  attribute: string | undefined,
  active: ReadonlySet<string>,
  pseudo: Readonly<Record<string, unknown>>,
  path: string,
): void {
  if (attribute !== undefined || name in template.Resources) {
    if (!(name in template.Resources)) throw templateInvalid(path, `Fn::GetAtt names unknown resource ${name}`);
    if (!active.has(name)) throw templateInvalid(path, `refers to resource ${name}, whose Condition is false`);
    return;
  }
  if (!(name in template.Parameters) && !(name in pseudo)) throw templateInvalid(path, `Ref to unknown name ${name}`);
}

function evaluateConditions(
  template: Template,
  parameters: Readonly<Record<string, unknown>>,
  pseudo: Readonly<Record<string, unknown>>,
): Record<string, boolean> {
  const done: Record<string, boolean> = {};
  const visiting = new Set<string>();
  const scope: EvalScope = {
    parameters,
    pseudo,
    mappings: template.Mappings,
    condition(name) {
      if (name in done) return done[name]!;
      if (!(name in template.Conditions)) throw templateInvalid(`Conditions.${name}`, "is not declared");
      if (visiting.has(name)) throw templateInvalid(`Conditions.${name}`, "refers to itself through other conditions");
      visiting.add(name);
      const v = evaluate(template.Conditions[name], scope, `Conditions.${name}`);
      visiting.delete(name);
      if (typeof v !== "boolean") throw templateInvalid(`Conditions.${name}`, "must evaluate to true or false");
      return (done[name] = v);
    },
    isResource: () => false,
    ref: (id) => {
      throw templateInvalid("Conditions", `cannot refer to resource ${id}`);
    },
    getAtt: (id) => {
      throw templateInvalid("Conditions", `cannot refer to resource ${id}`);
    },
  };
  for (const name of Object.keys(template.Conditions)) scope.condition(name);
  return done;
}

/** Kahn's algorithm in layers; a cycle is an InvalidArgument naming its members. */
function layer(resources: Readonly<Record<string, PlannedResource>>): string[][] {
  const remaining = new Map(Object.values(resources).map((r) => [r.logicalId, new Set(r.dependsOn)]));
  const layers: string[][] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([id]) => id).sort();
    if (ready.length === 0) {
      throw templateInvalid("Resources", `dependency cycle between ${[...remaining.keys()].sort().join(", ")}`);
    }
    for (const id of ready) remaining.delete(id);
    for (const deps of remaining.values()) for (const id of ready) deps.delete(id);
    layers.push(ready);
  }
  return layers;
}

/** What exists of the stack so far, for evaluating properties and outputs. */
export interface CreatedResources {
  physicalId(logicalId: string): string | undefined;
  attribute(logicalId: string, attribute: string): unknown;
  /** True when the attribute holds a secret (the driver said so). */
  isSecret?(logicalId: string, attribute: string): boolean;
}

function stackScope(plan: StackPlan, created: CreatedResources, path: string): EvalScope {
  return {
    parameters: plan.parameters,
    pseudo: plan.pseudo,
    mappings: plan.template.Mappings,
    condition: (name) => {
      if (!(name in plan.conditions)) throw templateInvalid(`Conditions.${name}`, "is not declared");
      return plan.conditions[name]!;
    },
    isResource: (name) => name in plan.resources,
    ref: (id) => {
      const v = created.physicalId(id);
      if (v === undefined) throw templateInvalid(path, `resource ${id} does not exist yet`);
      return v;
    },
    getAtt: (id, attr) => {
      if (created.physicalId(id) === undefined) throw templateInvalid(path, `resource ${id} does not exist yet`);
      const v = created.attribute(id, attr);
      if (v === undefined) throw templateInvalid(path, `resource ${id} has no attribute ${attr}`);
      return v;
    },
  };
}

/** A resource's Properties with every function evaluated; call once its dependencies exist. */
export function resolveProperties(plan: StackPlan, logicalId: string, created: CreatedResources): Record<string, unknown> {
  const r = plan.resources[logicalId];
  if (!r) throw templateInvalid(`Resources.${logicalId}`, "is not an active resource");
  const path = `Resources.${logicalId}.Properties`;
  return evaluate(r.rawProperties, stackScope(plan, created, path), path) as Record<string, unknown>;
}

export interface ResolvedOutput {
  readonly value: unknown;
  /** NoEcho output, or one that uses a NoEcho parameter or a secret attribute. */
  readonly noEcho: boolean;
  readonly description?: unknown;
  readonly label?: unknown;
}

export function resolveOutputs(plan: StackPlan, created: CreatedResources): Record<string, ResolvedOutput> {
  const out: Record<string, ResolvedOutput> = {};
  const cond = (name: string) => plan.conditions[name] ?? false;
  for (const [name, o] of Object.entries(plan.template.Outputs)) {
    if (o.Condition && !cond(o.Condition)) continue;
    const path = `Outputs.${name}.Value`;
    const refs = collectReferences(o.Value, cond, path);
    const tainted = refs.some((r) =>
      r.attribute === undefined ? plan.noEchoParameters.includes(r.name) : (created.isSecret?.(r.name, r.attribute) ?? false),
    );
    out[name] = {
      value: evaluate(o.Value, stackScope(plan, created, path), path),
      noEcho: o.NoEcho === true || String(o.NoEcho) === "true" || tainted,
      description: o.Description,
      label: o.Label,
    };
  }
  return out;
}

/** Stable hash of a resource's type and resolved properties (key order does not matter). */
export function propertiesHash(type: string, properties: unknown): string {
  return createHash("sha256").update(type).update("\0").update(stableJson(properties)).digest("hex");
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export interface ResourceDiff {
  readonly unchanged: string[];
  readonly changed: string[];
  readonly added: string[];
  readonly removed: string[];
}

/** Classifies resources between two stacks by logical id and properties hash (for upgrades). */
export function diffResources(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): ResourceDiff {
  const diff: ResourceDiff = { unchanged: [], changed: [], added: [], removed: [] };
  for (const [id, hash] of Object.entries(after)) {
    if (!(id in before)) diff.added.push(id);
    else if (before[id] === hash) diff.unchanged.push(id);
    else diff.changed.push(id);
  }
  for (const id of Object.keys(before)) if (!(id in after)) diff.removed.push(id);
  for (const list of Object.values(diff)) list.sort();
  return diff;
}
