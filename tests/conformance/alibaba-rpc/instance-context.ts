import type { Principal } from "../../../src/core/accounts/account.ts";
import type { CatalogService } from "../../../src/core/catalog/catalog-service.ts";
import type { Core } from "../../../src/core/core.ts";
import type { InstanceEventRepository, UpgradeHistoryRepository } from "../../../src/core/instances/instance-event.ts";
import type {
  DeploymentPlanner,
  InstanceLogLine,
  InstanceRuntime,
  ObservedInstanceResource,
  PreparedDeployment,
} from "../../../src/core/instances/instance-ports.ts";
import type { InstanceRepository } from "../../../src/core/instances/instance-repository.ts";
import { InstanceService } from "../../../src/core/instances/instance-service.ts";
import type { InstanceOperation } from "../../../src/core/instances/instance-status.ts";
import {
  InMemoryInstanceEventRepository,
  InMemoryInstanceRepository,
  InMemoryUpgradeHistoryRepository,
} from "../../../src/core/instances/in-memory-instance-stores.ts";
import { RegionDirectory } from "../../../src/core/regions.ts";
import type { Clock } from "../../../src/core/shared/clock.ts";
import { DomainError } from "../../../src/core/shared/domain-error.ts";
import { silentLogger } from "../../../src/core/shared/logger.ts";
import { parseTemplateDocument } from "../../../src/engine/template-source/template-document.ts";
import type { RequestContext } from "../../../src/faces/shared/request-context.ts";
import { catalogTestContext, type CatalogTestContext } from "./catalog-context.ts";

/**
 * A stand-in for the engine's template evaluator with the DeploymentPlanner contract: declared
 * parameters get their Default, Number values are coerced and range-checked, AllowedValues and
 * AllowedPattern are enforced, a parameter without Default and value is an error, and so is a
 * value for an undeclared parameter (RegionId excepted: it is the deployment region).
 * Errors are InvalidArgument naming `Parameters.<Name>`.
 */
export class FakePlanner implements DeploymentPlanner {
  prepare(input: { templateBody: string; parameters: Record<string, unknown> }): PreparedDeployment {
    const doc = parseTemplateDocument(input.templateBody) as { Parameters?: Record<string, Record<string, unknown>>; Resources?: Record<string, { Type: string }> };
    const declared = doc.Parameters ?? {};
    for (const key of Object.keys(input.parameters)) {
      if (key !== "RegionId" && !(key in declared)) throw bad(key, `${key} is not a parameter of the template`);
    }
    const parameters: Record<string, unknown> = {};
    const noEcho: string[] = [];
    for (const [name, spec] of Object.entries(declared)) {
      let value = input.parameters[name] ?? spec["Default"];
      if (value === undefined) throw bad(name, `${name} has no value and no default`);
      if (spec["Type"] === "Number") {
        value = Number(value);
        if (!Number.isFinite(value)) throw bad(name, `${name} must be a number`);
        if (typeof spec["MinValue"] === "number" && (value as number) < spec["MinValue"]) throw bad(name, `${name} must be at least ${spec["MinValue"]}`);
        if (typeof spec["MaxValue"] === "number" && (value as number) > spec["MaxValue"]) throw bad(name, `${name} must be at most ${spec["MaxValue"]}`);
      }
      if (Array.isArray(spec["AllowedValues"]) && !spec["AllowedValues"].includes(value)) throw bad(name, `${name} is not an allowed value`);
      if (typeof spec["AllowedPattern"] === "string" && !new RegExp(spec["AllowedPattern"]).test(String(value))) throw bad(name, `${name} does not match ${spec["AllowedPattern"]}`);
      if (spec["NoEcho"] === true || spec["NoEcho"] === "true") noEcho.push(name);
      parameters[name] = value;
    }
    const resources = Object.entries(doc.Resources ?? {}).map(([logicalId, r]) => ({ logicalId, type: r.Type }));
    return { parameters, noEchoParameters: noEcho, resources };
  }

  upgradeRequiredParameters(templateBody: string, current: Record<string, unknown>): string[] {
    const doc = parseTemplateDocument(templateBody) as { Parameters?: Record<string, Record<string, unknown>> };
    return Object.entries(doc.Parameters ?? {})
      .filter(([name, spec]) => spec["Default"] === undefined && current[name] === undefined)
      .map(([name]) => name);
  }
}

const bad = (name: string, rule: string) =>
  new DomainError("InvalidArgument", "TEMPLATE_PARAMETER_INVALID", `The parameter ${name} is not valid: ${rule}.`, { parameter: `Parameters.${name}` });

export interface Submission {
  readonly operation: InstanceOperation;
  readonly instanceId: string;
  readonly idempotencyKey: string;
  readonly args?: Record<string, unknown>;
}

/** Records submissions; the same idempotency key gives the same workflow id, as the contract says. */
export class FakeRuntime implements InstanceRuntime {
  readonly submissions: Submission[] = [];
  private readonly workflows = new Map<string, string>();
  /** Set to make the next submits throw (the engine being unavailable). */
  failing = false;
  logs: InstanceLogLine[] = [];
  observed: ObservedInstanceResource[] = [];
  observeFails = false;

  async submit(request: Submission): Promise<string> {
    if (this.failing) throw new Error("engine unavailable");
    this.submissions.push(request);
    let id = this.workflows.get(request.idempotencyKey);
    if (!id) {
      id = `wf-${this.workflows.size + 1}`;
      this.workflows.set(request.idempotencyKey, id);
    }
    return id;
  }

  /** Distinct workflows created (submissions with a new key). */
  get workflowCount(): number {
    return this.workflows.size;
  }

  async resourceLogs(_instance: unknown, options: { limit: number; since?: Date }): Promise<InstanceLogLine[]> {
    return this.logs.filter((l) => !options.since || l.timestamp >= options.since).slice(-options.limit);
  }

  async observeResources(): Promise<ObservedInstanceResource[]> {
    if (this.observeFails) throw new Error("driver unavailable");
    return this.observed;
  }
}

export interface InstanceStores {
  readonly instances: InstanceRepository;
  readonly events: InstanceEventRepository;
  readonly history: UpgradeHistoryRepository;
}

export const inMemoryInstanceStores = (): InstanceStores => ({
  instances: new InMemoryInstanceRepository(),
  events: new InMemoryInstanceEventRepository(),
  history: new InMemoryUpgradeHistoryRepository(),
});

export function newInstanceService(catalog: CatalogService, clock: Clock, stores: InstanceStores = inMemoryInstanceStores()) {
  const planner = new FakePlanner();
  const runtime = new FakeRuntime();
  const service = new InstanceService({ ...stores, catalog, planner, runtime, regions: new RegionDirectory(), clock, log: silentLogger });
  return { service, planner, runtime, stores };
}

export interface InstanceTestContext extends CatalogTestContext {
  readonly instances: InstanceService;
  readonly runtime: FakeRuntime;
  readonly stores: InstanceStores;
  /** A published (Online) Public service of `supplier` deploying `deployMetadata`; returns its id. */
  publish(supplier: Principal, deployMetadata: string, extra?: Record<string, unknown>): Promise<string>;
}

/** The catalog test context (SQLite) plus an InstanceService over in-memory stores and fake ports. */
export async function instanceTestContext(): Promise<InstanceTestContext> {
  const base = await catalogTestContext();
  const { service, runtime, stores } = newInstanceService(base.catalog, base.clock);
  const core = { regions: new RegionDirectory(), catalog: base.catalog, instances: service } as unknown as Core;
  return {
    ...base,
    instances: service,
    runtime,
    stores,
    ctx(caller: Principal): RequestContext {
      return { ...base.ctx(caller), core };
    },
    async publish(supplier, deployMetadata, extra = {}) {
      const created = await base.catalog.createService(supplier, {
        regionId: "cn-hangzhou",
        deployType: "ros",
        shareType: "Public",
        versionName: "first",
        serviceInfos: [{ locale: "en-US", name: `Greeter ${Math.random().toString(36).slice(2, 8)}`, shortDescription: "Says hello" }],
        deployMetadata,
        ...extra,
      });
      await base.catalog.registerService(supplier, created.service.id);
      await base.catalog.launchService(supplier, created.service.id, "1");
      base.clock.advance(1000);
      return created.service.id;
    },
  };
}
