import type { Principal } from "../accounts/account.ts";
import type { InstanceService } from "../instances/instance-service.ts";
import type { ServiceInstance } from "../instances/service-instance.ts";
import { isDomainError } from "../shared/domain-error.ts";
import type { ComputeNestLink, DeploymentRequest, LinkedDeployment } from "./compute-nest-link.ts";

/**
 * ComputeNestLink over the core's InstanceService. The Marketplace acts for the buyer (the
 * instance is the buyer's), so calls run as the buyer account's root principal, built here and
 * never handed out.
 */
export class InstanceServiceLink implements ComputeNestLink {
  constructor(private readonly instances: InstanceService) {}

  async check(request: DeploymentRequest): Promise<void> {
    await this.instances.create(buyer(request.buyerAccountId), { ...createInput(request), dryRun: true });
  }

  async deploy(request: DeploymentRequest): Promise<LinkedDeployment> {
    const { instance } = await this.instances.create(buyer(request.buyerAccountId), createInput(request));
    return toLinked(instance);
  }

  async get(buyerAccountId: string, serviceInstanceId: string): Promise<LinkedDeployment | undefined> {
    try {
      return toLinked((await this.instances.get(buyer(buyerAccountId), { serviceInstanceId })).instance);
    } catch (e) {
      if (isDomainError(e) && e.kind === "NotFound") return undefined;
      throw e;
    }
  }

  async stop(buyerAccountId: string, serviceInstanceId: string): Promise<void> {
    await this.instances.stop(buyer(buyerAccountId), serviceInstanceId);
  }

  async start(buyerAccountId: string, serviceInstanceId: string): Promise<void> {
    await this.instances.start(buyer(buyerAccountId), serviceInstanceId);
  }

  async release(buyerAccountId: string, serviceInstanceId: string): Promise<void> {
    await this.instances.delete(buyer(buyerAccountId), [serviceInstanceId]);
  }

  async setTerm(serviceInstanceId: string, term: { expired: boolean; endTime: Date }): Promise<void> {
    await this.instances.setMarketTerm(serviceInstanceId, { bizStatus: term.expired ? "Expired" : "Normal", endTime: term.endTime });
  }

  async changeSpecification(buyerAccountId: string, serviceInstanceId: string, specificationName: string): Promise<void> {
    await this.instances.changeSpecification(buyer(buyerAccountId), serviceInstanceId, specificationName);
  }
}

const buyer = (accountId: string): Principal => ({ accountId, type: "Root", displayName: "Marketplace", accessKeyId: "", isOperator: false });

function createInput(r: DeploymentRequest) {
  return {
    regionId: r.regionId,
    serviceId: r.serviceId,
    serviceVersion: r.serviceVersion,
    templateName: r.templateName,
    specificationName: r.specificationName,
    name: r.name,
    clientToken: r.clientToken,
    market: { marketInstanceId: r.marketInstanceId, orderId: r.orderId, components: { ...r.components } },
  };
}

function toLinked(i: ServiceInstance): LinkedDeployment {
  return {
    serviceInstanceId: i.id,
    status: i.status,
    settled: !i.currentOperation,
    bizStatus: i.bizStatus,
    endTime: i.endTime,
    regionId: i.regionId,
    outputs: Object.fromEntries(Object.entries(i.outputs).map(([k, o]) => [k, o.value])),
    specificationName: i.specificationName,
  };
}
