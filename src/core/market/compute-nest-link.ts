/**
 * The Marketplace's view of Compute Nest (ALIBABA.md 5.8): what it needs to deliver a purchase
 * as a service instance and to keep that instance in step with the purchase's term. Implemented
 * over InstanceService by instance-service-link.ts; tests may fake it.
 */
export interface LinkedDeployment {
  readonly serviceInstanceId: string;
  /** Compute Nest status (Deploying, Deployed, Stopped, Deleted, ...). */
  readonly status: string;
  /** No operation in progress. */
  readonly settled: boolean;
  readonly bizStatus: string;
  readonly endTime?: Date;
  readonly regionId: string;
  /** Output values by name (NoEcho ones included: they belong to the buyer). */
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly specificationName?: string;
}

export interface DeploymentRequest {
  readonly buyerAccountId: string;
  readonly serviceId: string;
  readonly serviceVersion?: string;
  readonly regionId: string;
  readonly templateName: string;
  readonly specificationName?: string;
  readonly name: string;
  readonly marketInstanceId: string;
  readonly orderId: string;
  readonly components: Readonly<Record<string, string>>;
  /** Same token, same request: the same service instance (retries after a crash are safe). */
  readonly clientToken: string;
}

export interface ComputeNestLink {
  /** Validates the request as a create would (service visible, template, package, region); stores nothing. */
  check(request: DeploymentRequest): Promise<void>;
  /** Creates the service instance (Source Market) and starts its deployment. Idempotent by clientToken. */
  deploy(request: DeploymentRequest): Promise<LinkedDeployment>;
  /** undefined when it does not exist (any more) for the buyer. */
  get(buyerAccountId: string, serviceInstanceId: string): Promise<LinkedDeployment | undefined>;
  stop(buyerAccountId: string, serviceInstanceId: string): Promise<void>;
  start(buyerAccountId: string, serviceInstanceId: string): Promise<void>;
  /** Deletes the service instance and what it runs. */
  release(buyerAccountId: string, serviceInstanceId: string): Promise<void>;
  setTerm(serviceInstanceId: string, term: { expired: boolean; endTime: Date }): Promise<void>;
  /** Applies another package of the same template (an upgrade order). */
  changeSpecification(buyerAccountId: string, serviceInstanceId: string, specificationName: string): Promise<void>;
}
