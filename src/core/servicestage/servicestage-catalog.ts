import { randomUUID } from "node:crypto";
import type { Principal } from "../accounts/account.ts";
import type { Clock } from "../shared/clock.ts";
import { DomainError } from "../shared/domain-error.ts";
import {
  applicationNotFound,
  componentNotFound,
  environmentNotFound,
  invalidParam,
  SERVICESTAGE_ERROR_CODES as C,
} from "./servicestage-errors.ts";
import type { Application, ApplicationConfiguration, Component, Environment, EnvironmentResource, JsonObject, ListQuery, Listed, Project } from "./servicestage-model.ts";
import type { ServiceStageRepository } from "./servicestage-repository.ts";
import { readEnv } from "./instance-configuration.ts";
import { array, description, isObject, jsonObject, oneOf, optionalString, requireString, resourceName } from "./servicestage-validation.ts";

export const COMPONENT_CATEGORIES = ["Webapp", "MicroService", "Common"] as const;
export const COMPONENT_SUB_CATEGORIES = ["Web", "Magento", "Wordpress", "SpringCloud", "Java Chassis", "Go Chassis", "Mesher"] as const;
export const DEPLOY_MODES = ["virtualmachine", "container", "mixed"] as const;
export const CHARGE_MODES = ["provided", "on_demanded", "monthly"] as const;
export const RESOURCE_TYPES = ["security_group", "eip", "elb", "cce", "cci", "ecs", "as", "cse", "dcs", "rds", "pvc", "apm"] as const;
export const BASE_RESOURCE_TYPES = ["cce", "cci", "ecs", "as"] as const;

/** Names of the runtimes this host can run (ListRuntimes); the engine probes them. */
export type RuntimeNames = () => readonly string[];

/**
 * Applications, environments and components (B.3-B.5): plain records with the vendor's rules.
 * Deleting an application with components, a component with instances, or an environment that
 * instances use is a Conflict (409), as the console refuses it.
 */
export class ServiceStageCatalog {
  constructor(
    private readonly repo: ServiceStageRepository,
    private readonly clock: Clock,
    private readonly runtimeNames: RuntimeNames,
  ) {}

  async createApplication(caller: Principal, project: Project, body: Record<string, unknown>): Promise<Application & { componentCount: number }> {
    const now = this.clock.now().getTime();
    const app: Application = {
      id: randomUUID(),
      projectId: project.id,
      accountId: project.accountId,
      name: resourceName(body.name),
      description: description(body.description),
      creator: caller.displayName,
      enterpriseProjectId: optionalString(body.enterprise_project_id, "enterprise_project_id", 64) ?? "0",
      unifiedModel: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createApplication(app);
    return { ...app, componentCount: 0 };
  }

  async getApplication(project: Project, id: string): Promise<Application & { componentCount: number }> {
    const app = await this.requireApplication(project, id);
    return { ...app, componentCount: await this.repo.countComponents(id) };
  }

  async listApplications(project: Project, query: ListQuery): Promise<Listed<Application & { componentCount: number }>> {
    const page = await this.repo.listApplications(project.id, query);
    return { count: page.count, items: await Promise.all(page.items.map(async (a) => ({ ...a, componentCount: await this.repo.countComponents(a.id) }))) };
  }

  async changeApplication(project: Project, id: string, body: Record<string, unknown>): Promise<Application & { componentCount: number }> {
    const app = await this.requireApplication(project, id);
    const next: Application = {
      ...app,
      name: body.name === undefined ? app.name : resourceName(body.name),
      description: body.description === undefined ? app.description : description(body.description),
      updatedAt: this.clock.now().getTime(),
    };
    if (!(await this.repo.updateApplication(next))) throw applicationNotFound(id);
    return { ...next, componentCount: await this.repo.countComponents(id) };
  }

  async deleteApplication(project: Project, id: string): Promise<void> {
    await this.requireApplication(project, id);
    if ((await this.repo.countComponents(id)) > 0) {
      throw new DomainError("Conflict", C.APPLICATION_NOT_EMPTY, `Application ${id} still has components; delete them first.`);
    }
    await this.repo.deleteApplication(project.id, id);
  }

  async showConfiguration(project: Project, applicationId: string, environmentId?: string): Promise<ApplicationConfiguration[]> {
    await this.requireApplication(project, applicationId);
    return this.repo.listConfigurations(project.id, applicationId, environmentId || undefined);
  }

  async changeConfiguration(project: Project, applicationId: string, body: Record<string, unknown>): Promise<ApplicationConfiguration> {
    await this.requireApplication(project, applicationId);
    const environmentId = requireString(body.environment_id, "environment_id");
    await this.requireEnvironment(project, environmentId);
    const configuration = jsonObject(body.configuration, "configuration") ?? {};
    const config: ApplicationConfiguration = { applicationId, environmentId, env: readEnv(configuration.env, "configuration.env") };
    await this.repo.putConfiguration(project.id, config);
    return config;
  }

  async deleteConfiguration(project: Project, applicationId: string, environmentId: string): Promise<void> {
    await this.requireApplication(project, applicationId);
    requireString(environmentId || undefined, "environment_id");
    await this.repo.deleteConfiguration(project.id, applicationId, environmentId);
  }

  /** Application-level variables of one environment (empty when none were set). */
  async applicationEnv(projectId: string, applicationId: string, environmentId: string) {
    const [found] = await this.repo.listConfigurations(projectId, applicationId, environmentId);
    return found?.env ?? [];
  }

  async createEnvironment(caller: Principal, project: Project, body: Record<string, unknown>): Promise<Environment> {
    const now = this.clock.now().getTime();
    const env: Environment = {
      id: randomUUID(),
      projectId: project.id,
      accountId: project.accountId,
      name: resourceName(body.name),
      alias: optionalString(body.alias, "alias", 64) ?? "",
      description: description(body.description),
      enterpriseProjectId: optionalString(body.enterprise_project_id, "enterprise_project_id", 64) ?? "0",
      chargeMode: oneOf(body.charge_mode, "charge_mode", CHARGE_MODES, "provided"),
      deployMode: oneOf(body.deploy_mode, "deploy_mode", DEPLOY_MODES, "virtualmachine"),
      vpcId: requireString(body.vpc_id, "vpc_id", { min: 1, max: 64 }),
      baseResources: resources(body.base_resources, "base_resources", true),
      optionalResources: resources(body.optional_resources, "optional_resources", false),
      creator: caller.displayName,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createEnvironment(env);
    return env;
  }

  getEnvironment(project: Project, id: string): Promise<Environment> {
    return this.requireEnvironment(project, id);
  }

  listEnvironments(project: Project, query: ListQuery): Promise<Listed<Environment>> {
    return this.repo.listEnvironments(project.id, query);
  }

  async changeEnvironment(project: Project, id: string, body: Record<string, unknown>): Promise<Environment> {
    const env = await this.requireEnvironment(project, id);
    return this.saveEnvironment({
      ...env,
      name: body.name === undefined ? env.name : resourceName(body.name),
      alias: body.alias === undefined ? env.alias : (optionalString(body.alias, "alias", 64) ?? ""),
      description: body.description === undefined ? env.description : description(body.description),
    });
  }

  /** PATCH …/resources: adds base and optional resources, removes by id (B.2). */
  async changeEnvironmentResources(project: Project, id: string, body: Record<string, unknown>): Promise<Environment> {
    const env = await this.requireEnvironment(project, id);
    const remove = new Set(resources(body.remove_resources, "remove_resources", false).map((r) => r.id));
    const merge = (list: readonly EnvironmentResource[], added: EnvironmentResource[]) => {
      const kept = list.filter((r) => !remove.has(r.id));
      for (const r of added) if (!kept.some((k) => k.id === r.id && k.type === r.type)) kept.push(r);
      return kept;
    };
    const base = merge(env.baseResources, resources(body.add_base_resources, "add_base_resources", false));
    if (!base.some((r) => (BASE_RESOURCE_TYPES as readonly string[]).includes(r.type))) {
      throw invalidParam("remove_resources", "An environment must keep at least one basic resource (cce, cci, ecs or as).");
    }
    return this.saveEnvironment({ ...env, baseResources: base, optionalResources: merge(env.optionalResources, resources(body.add_optional_resources, "add_optional_resources", false)) });
  }

  async deleteEnvironment(project: Project, id: string): Promise<void> {
    await this.requireEnvironment(project, id);
    if ((await this.repo.countInstances({ environmentId: id })) > 0) {
      throw new DomainError("Conflict", C.ENVIRONMENT_IN_USE, `Environment ${id} is used by component instances; delete them first.`);
    }
    await this.repo.deleteEnvironment(project.id, id);
  }

  async createComponent(caller: Principal, project: Project, applicationId: string, body: Record<string, unknown>): Promise<Component> {
    await this.requireApplication(project, applicationId);
    const category = oneOf(body.category, "category", COMPONENT_CATEGORIES);
    const now = this.clock.now().getTime();
    const component: Component = {
      id: randomUUID(),
      projectId: project.id,
      accountId: project.accountId,
      applicationId,
      name: resourceName(body.name),
      runtime: oneOf(body.runtime, "runtime", this.runtimeNames()),
      category,
      subCategory: category === "Common" || body.sub_category === undefined || body.sub_category === null || body.sub_category === "" ? "" : oneOf(body.sub_category, "sub_category", COMPONENT_SUB_CATEGORIES),
      description: description(body.description),
      source: readSource(body.source),
      build: jsonObject(body.build, "build"),
      status: 0,
      creator: caller.displayName,
      createdAt: now,
      updatedAt: now,
    };
    await this.repo.createComponent(component);
    return component;
  }

  async getComponent(project: Project, applicationId: string, id: string): Promise<Component> {
    await this.requireApplication(project, applicationId);
    const component = await this.repo.getComponent(project.id, applicationId, id);
    if (!component) throw componentNotFound(id);
    return component;
  }

  async listComponents(project: Project, applicationId: string, query: ListQuery): Promise<Listed<Component>> {
    await this.requireApplication(project, applicationId);
    return this.repo.listComponents(project.id, applicationId, query);
  }

  async changeComponent(project: Project, applicationId: string, id: string, body: Record<string, unknown>): Promise<Component> {
    const component = await this.getComponent(project, applicationId, id);
    const next: Component = {
      ...component,
      name: body.name === undefined ? component.name : resourceName(body.name),
      description: body.description === undefined ? component.description : description(body.description),
      source: body.source === undefined ? component.source : readSource(body.source),
      build: body.build === undefined ? component.build : jsonObject(body.build, "build"),
      updatedAt: this.clock.now().getTime(),
    };
    if (!(await this.repo.updateComponent(next))) throw componentNotFound(id);
    return next;
  }

  /** `force` is accepted for the wire's sake; a component with instances is still refused. */
  async deleteComponent(project: Project, applicationId: string, id: string): Promise<void> {
    await this.getComponent(project, applicationId, id);
    if ((await this.repo.countInstances({ componentId: id })) > 0) {
      throw new DomainError("Conflict", C.COMPONENT_HAS_INSTANCES, `Component ${id} still has instances; delete them first.`);
    }
    await this.repo.deleteComponent(project.id, id);
  }

  async requireApplication(project: Project, id: string): Promise<Application> {
    const app = await this.repo.getApplication(project.id, id);
    if (!app) throw applicationNotFound(id);
    return app;
  }

  async requireEnvironment(project: Project, id: string): Promise<Environment> {
    const env = await this.repo.getEnvironment(project.id, id);
    if (!env) throw environmentNotFound(id);
    return env;
  }

  private async saveEnvironment(env: Environment): Promise<Environment> {
    const next = { ...env, updatedAt: this.clock.now().getTime() };
    if (!(await this.repo.updateEnvironment(next))) throw environmentNotFound(env.id);
    return next;
  }
}

function resources(value: unknown, parameter: string, requireBasic: boolean): EnvironmentResource[] {
  const list = array(value, parameter).map((item, i) => {
    const at = `${parameter}[${i}]`;
    if (!isObject(item)) throw invalidParam(at, `${at} must be an object {id, type}.`);
    const name = optionalString(item.name, `${at}.name`, 64);
    return { id: requireString(item.id, `${at}.id`, { min: 1, max: 64 }), type: oneOf(item.type, `${at}.type`, RESOURCE_TYPES), ...(name ? { name } : {}) };
  });
  if (requireBasic && !list.some((r) => (BASE_RESOURCE_TYPES as readonly string[]).includes(r.type))) {
    throw invalidParam(parameter, `${parameter} must include a basic resource (cce, cci, ecs or as); on this host use {"id": "Default", "type": "ecs"}.`);
  }
  return list;
}

/** source = {kind: code|artifact, spec} (B.4). */
function readSource(value: unknown): JsonObject | null {
  const source = jsonObject(value, "source");
  if (!source) return null;
  oneOf(source.kind, "source.kind", ["code", "artifact"]);
  const spec = jsonObject(source.spec, "source.spec");
  if (!spec) throw invalidParam("source.spec", "source.spec is required.");
  if (source.kind === "artifact") {
    oneOf(spec.storage, "source.spec.storage", ["swr", "obs", "devcloud", "http", "file"]);
    requireString(spec.url, "source.spec.url", { min: 1 });
  } else {
    oneOf(spec.repo_type, "source.spec.repo_type", ["GitHub", "GitLab", "Gitee", "Bitbucket"]);
    requireString(spec.repo_url, "source.spec.repo_url", { min: 1 });
  }
  return source;
}
