import { canonicalJson } from "../shared/canonical-json.ts";
import type { EasService } from "./eas-service.ts";
import { specRunSpec, withInstances, type ServiceSpec } from "./eas-spec.ts";

// Pure rules that turn a service and a request into what an operation changes: slots on
// scaling, the spec of an update, the run spec of a delete.

/** New slot list for `instances`: victims go first, then the newest slots; new slots get fresh numbers. */
export function resize(s: EasService, instances: number, victims: readonly number[]): { slots: number[]; remove: number[]; nextSlot: number } {
  let slots = [...s.slots];
  const remove: number[] = [];
  for (const v of victims) {
    if (slots.length <= instances) break;
    if (slots.includes(v)) {
      slots = slots.filter((x) => x !== v);
      remove.push(v);
    }
  }
  while (slots.length > instances) remove.push(slots.pop()!);
  let next = s.nextSlot;
  while (slots.length < instances) slots.push(next++);
  return { slots, remove, nextSlot: next };
}

/** The spec carries the service's name where the spec names it (metadata.name or name). */
export function withName(spec: ServiceSpec, s: EasService): ServiceSpec {
  const m = spec.metadata;
  if (typeof m === "object" && m !== null && !Array.isArray(m) && "name" in m) return { ...spec, metadata: { ...m, name: s.name } };
  return { ...spec, name: s.name };
}

/** The specs differ in the instance count at most (key order aside): a scale, not a new version. */
export function sameExceptInstances(a: ServiceSpec, b: ServiceSpec): boolean {
  return canonicalJson(withInstances(a, 0)) === canonicalJson(withInstances(b, 0));
}

/** The run spec for a delete plan; a spec that no longer parses still deletes. */
export function safeRun(s: EasService) {
  try {
    return specRunSpec(s.spec);
  } catch {
    return { argv: ["/bin/true"], env: {}, readiness: "none" as const };
  }
}
