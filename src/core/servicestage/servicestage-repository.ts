import type {
  Application,
  ApplicationConfiguration,
  Component,
  ComponentInstance,
  Environment,
  InstanceSnapshot,
  Job,
  JobTask,
  ListQuery,
  Listed,
} from "./servicestage-model.ts";

/**
 * Storage of ServiceStage objects. Every read is scoped to a project; another project's object
 * does not exist for the caller. `get*` return undefined when missing; `create*` throw
 * DomainError(AlreadyExists, <KIND>_NAME_EXISTS) on a name taken in the same scope (the store
 * enforces it with a unique index, so concurrent creates cannot both win). `update*` replace
 * the stored object and return false when it no longer exists. Every method is safe to repeat.
 */
export interface ServiceStageRepository {
  createApplication(app: Application): Promise<void>;
  getApplication(projectId: string, id: string): Promise<Application | undefined>;
  listApplications(projectId: string, query: ListQuery): Promise<Listed<Application>>;
  updateApplication(app: Application): Promise<boolean>;
  deleteApplication(projectId: string, id: string): Promise<boolean>;

  createEnvironment(env: Environment): Promise<void>;
  getEnvironment(projectId: string, id: string): Promise<Environment | undefined>;
  listEnvironments(projectId: string, query: ListQuery): Promise<Listed<Environment>>;
  updateEnvironment(env: Environment): Promise<boolean>;
  deleteEnvironment(projectId: string, id: string): Promise<boolean>;

  createComponent(component: Component): Promise<void>;
  getComponent(projectId: string, applicationId: string, id: string): Promise<Component | undefined>;
  listComponents(projectId: string, applicationId: string, query: ListQuery): Promise<Listed<Component>>;
  countComponents(applicationId: string): Promise<number>;
  updateComponent(component: Component): Promise<boolean>;
  deleteComponent(projectId: string, id: string): Promise<boolean>;

  /** Replaces the configuration of (application, environment); an empty env list removes it. */
  putConfiguration(projectId: string, config: ApplicationConfiguration): Promise<void>;
  listConfigurations(projectId: string, applicationId: string, environmentId?: string): Promise<ApplicationConfiguration[]>;
  deleteConfiguration(projectId: string, applicationId: string, environmentId: string): Promise<boolean>;

  createInstance(instance: ComponentInstance): Promise<void>;
  getInstance(projectId: string, componentId: string, id: string): Promise<ComponentInstance | undefined>;
  /** By id alone, for the engine and job views. */
  findInstance(id: string): Promise<ComponentInstance | undefined>;
  listInstances(projectId: string, componentId: string, query: ListQuery): Promise<Listed<ComponentInstance>>;
  countInstances(filter: { componentId?: string; environmentId?: string }): Promise<number>;
  /**
   * Compare-and-set on updatedAt: writes only when the stored updatedAt equals `expectedUpdatedAt`
   * (or unconditionally when it is undefined). Returns false when nothing was written.
   */
  updateInstance(instance: ComponentInstance, expectedUpdatedAt?: number): Promise<boolean>;
  deleteInstance(id: string): Promise<boolean>;

  /** Keeps the first snapshot of a version (a second put of the same version is ignored). */
  putSnapshot(snapshot: InstanceSnapshot): Promise<void>;
  getSnapshot(instanceId: string, version: string): Promise<InstanceSnapshot | undefined>;
  listSnapshots(instanceId: string, query: { limit?: number; offset?: number; orderBy?: "create_time" | "version"; order?: "asc" | "desc" }): Promise<Listed<InstanceSnapshot>>;

  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  updateJobStatus(id: string, status: Job["status"], updatedAt: number): Promise<void>;
  /** Jobs still SUBMITTED (recorded but maybe never queued): startup resubmits them. */
  listSubmittedJobs(): Promise<Job[]>;
  /** Inserts or replaces the task with this (jobId, id). */
  putTask(task: JobTask): Promise<void>;
  listTasks(jobId: string, query: { limit?: number; offset?: number; desc?: boolean }): Promise<Listed<JobTask>>;
}
