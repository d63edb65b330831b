import { isDomainError } from "../shared/domain-error.ts";
import type { DeploymentRequest, LinkedDeployment } from "./compute-nest-link.ts";
import type { MarketDeps } from "./market-deps.ts";
import { DAY_MS } from "./market-deps.ts";
import { nextUpdatedAt, type MarketInstance } from "./market-instance.ts";
import { initialStatus, nextStatus } from "./market-status.ts";
import { PACKAGE_VERSION, type MarketProduct, type SpecificationMapping } from "./product.ts";

/** What one reconcile pass found: done (in step), or still waiting on the linked instance. */
export type ReconcileResult = "done" | "waiting";

const STOPPED = new Set(["Stopped", "DeployedFailed", "Deleted", "Created"]);

/**
 * Keeps Marketplace instances and the Compute Nest instances that deliver them in step, and
 * moves instances through time (DESIGN.md: sweepers expire orders on time). Level-triggered:
 * each pass compares the instance's status with what the linked service instance is and takes
 * the next step, so repeating a pass, or running it after a crash, is safe.
 *
 * - initial status (OPENING / READYING / PRODUCE): the service instance is created (idempotent
 *   by token) and, once Deployed, the instance is delivered (OPENED / STARTED / UNUSED, BeganOn).
 * - delivered: the service instance runs (started again after a renewal), with BizStatus Normal,
 *   EndTime = EndOn and the package of the chosen package_version.
 * - EXPIRED: the service instance is stopped with BizStatus Expired.
 * - CLOSED: the service instance is deleted.
 */
export class MarketReconciler {
  constructor(private readonly deps: MarketDeps) {}

  /** Expires instances whose EndOn passed and closes those past their grace period, then reconciles pending ones. */
  async sweep(limit = 100): Promise<{ expired: number; closed: number; reconciled: number }> {
    const now = this.deps.clock.now();
    let expired = 0;
    let closed = 0;
    for (const due of await this.deps.repository.listDue(now, limit)) {
      const product = await this.deps.repository.getProduct(due.productCode);
      const event = due.status === "EXPIRED" ? "close" : "expire";
      const to = nextStatus(due.productType, due.status, event);
      if (!to) continue;
      const next: MarketInstance =
        event === "expire"
          ? { ...due, status: to, expiredAt: now, closeAfter: new Date(due.endOn.getTime() + (product?.gracePeriodDays ?? 0) * DAY_MS), reconcilePending: true, updatedAt: nextUpdatedAt(due, now) }
          : { ...due, status: to, closedAt: now, reconcilePending: true, updatedAt: nextUpdatedAt(due, now) };
      if (await this.deps.repository.updateInstance(next, due.updatedAt)) {
        if (event === "expire") expired++;
        else closed++;
        this.deps.log.info({ marketInstanceId: due.id, status: to }, event === "expire" ? "Expired MarketInstance" : "Closed MarketInstance");
      }
    }
    let reconciled = 0;
    for (const pending of await this.deps.repository.listPending(limit)) {
      if ((await this.reconcile(pending)) === "done") reconciled++;
    }
    return { expired, closed, reconciled };
  }

  /** One pass over one instance; returns the instance as stored afterwards. Never throws for the linked side's refusals. */
  async reconcile(instance: MarketInstance): Promise<ReconcileResult> {
    const product = await this.deps.repository.getProduct(instance.productCode);
    let current = instance;
    let result: ReconcileResult = "done";
    let error: string | undefined;
    try {
      if (!product?.computeNest) {
        if (current.status === initialStatus(current.productType)) current = this.delivered(current);
      } else {
        const step = await this.step(current, product!);
        current = step.instance;
        result = step.result;
      }
    } catch (e) {
      if (!isDomainError(e)) throw e;
      error = e.message;
      result = "waiting";
      this.deps.log.warn({ marketInstanceId: instance.id, err: e.message }, "Failed to reconcile MarketInstance");
    }
    const next: MarketInstance = { ...current, reconcilePending: result === "waiting", deliveryError: error ?? (result === "done" ? undefined : current.deliveryError) };
    if (!sameState(next, instance)) await this.deps.repository.updateInstance({ ...next, updatedAt: nextUpdatedAt(instance, this.deps.clock.now()) }, instance.updatedAt);
    return result;
  }

  private async step(instance: MarketInstance, product: MarketProduct): Promise<{ instance: MarketInstance; result: ReconcileResult }> {
    const { link } = this.deps;
    let current = instance;
    if (!current.serviceInstanceId) {
      // Expired before anything was deployed: nothing to deploy, stop or release.
      if (current.status === "CLOSED" || current.status === "EXPIRED") return { instance: current, result: "done" };
      const created = await link.deploy(deploymentRequest(current, product));
      current = { ...current, serviceInstanceId: created.serviceInstanceId };
    }
    const id = current.serviceInstanceId!;
    const linked = await link.get(current.accountId, id);
    if (current.status === "CLOSED") {
      if (!linked || linked.status === "Deleted") return { instance: current, result: "done" };
      if (linked.settled && linked.status !== "Deleting") await link.release(current.accountId, id);
      return { instance: current, result: "waiting" };
    }
    if (!linked) return { instance: current, result: "done" };
    if (current.status === "EXPIRED") {
      if (linked.bizStatus !== "Expired" || linked.endTime?.getTime() !== current.endOn.getTime()) await link.setTerm(id, { expired: true, endTime: current.endOn });
      if (STOPPED.has(linked.status) && linked.settled) return { instance: current, result: "done" };
      if (linked.settled && (linked.status === "Deployed" || linked.status === "StopFailed")) await link.stop(current.accountId, id);
      return { instance: current, result: "waiting" };
    }
    if (current.status === initialStatus(current.productType)) {
      if (linked.status !== "Deployed") return { instance: current, result: "waiting" };
      current = this.delivered(current);
    }
    // Delivered: running, on the chosen package, with the term in step.
    if (linked.bizStatus !== "Normal" || linked.endTime?.getTime() !== current.endOn.getTime()) await link.setTerm(id, { expired: false, endTime: current.endOn });
    if (!linked.settled) return { instance: current, result: "waiting" };
    if (linked.status === "Stopped" || linked.status === "StartFailed") {
      await link.start(current.accountId, id);
      return { instance: current, result: "waiting" };
    }
    const wanted = mappingOf(product, current.components)?.specificationName;
    if (linked.status === "Deployed" && wanted && linked.specificationName !== wanted) {
      await link.changeSpecification(current.accountId, id, wanted);
      return { instance: current, result: "waiting" };
    }
    return { instance: current, result: "done" };
  }

  private delivered(instance: MarketInstance): MarketInstance {
    const to = nextStatus(instance.productType, instance.status, "delivered");
    if (!to) return instance;
    this.deps.log.info({ marketInstanceId: instance.id, status: to }, "Delivered MarketInstance");
    return { ...instance, status: to, beganOn: instance.beganOn ?? this.deps.clock.now() };
  }
}

/** The specification mapping of the instance's package_version (ALIBABA.md 5.8). */
export function mappingOf(product: MarketProduct, components: Readonly<Record<string, string>>): SpecificationMapping | undefined {
  return product.computeNest?.specifications.find((s) => s.specificationCode === components[PACKAGE_VERSION]);
}

/** The service instance a purchase deploys; the token ties it to the Marketplace instance for good. */
export function deploymentRequest(instance: MarketInstance, product: MarketProduct): DeploymentRequest {
  const delivery = product.computeNest!;
  const mapping = mappingOf(product, instance.components);
  return {
    buyerAccountId: instance.accountId,
    serviceId: delivery.serviceId,
    serviceVersion: delivery.serviceVersion,
    regionId: delivery.regionId,
    templateName: mapping?.templateName ?? "Default",
    specificationName: mapping?.specificationName,
    name: `market-${instance.id}`,
    marketInstanceId: instance.id,
    orderId: instance.orderId,
    components: instance.components,
    clientToken: `market-${instance.id}`,
  };
}

function sameState(a: MarketInstance, b: MarketInstance): boolean {
  return (
    a.status === b.status &&
    a.serviceInstanceId === b.serviceInstanceId &&
    a.reconcilePending === b.reconcilePending &&
    a.deliveryError === b.deliveryError &&
    a.beganOn?.getTime() === b.beganOn?.getTime()
  );
}

export type { LinkedDeployment };
