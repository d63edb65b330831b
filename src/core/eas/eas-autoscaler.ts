import type { EasAutoscaler } from "./eas-scaler-config.ts";

/** Seconds of traffic the qps metric averages over. */
export const QPS_WINDOW_SECONDS = 3;

/** The instance count each strategy asks for now; the highest wins (A.3.13, HPA semantics). */
export function recommendedReplicas(policy: EasAutoscaler, metrics: Readonly<Record<string, number>>): number {
  let wanted = policy.min;
  for (const s of policy.strategies) {
    const value = metrics[s.metricName] ?? 0;
    // qps is per instance: total requests per second over the threshold, rounded up.
    wanted = Math.max(wanted, Math.ceil(value / s.threshold - 1e-9));
  }
  return Math.min(policy.max, Math.max(policy.min, wanted));
}

/**
 * Stabilization (Kubernetes HPA behaviour, which EAS's `behavior` mirrors): scaling up follows
 * the lowest recommendation of the scale-up window, scaling down the highest of the scale-down
 * window, so a short burst or lull does not move the count. Keeps its own recommendation
 * history per service, in memory.
 */
export class AutoscalerPolicy {
  private readonly history = new Map<string, { at: number; replicas: number }[]>();
  /** When the service's history started: no scale-down before a whole window was seen. */
  private readonly since = new Map<string, number>();

  /** The count to scale to now, or undefined to stay at `current`. */
  decide(serviceId: string, policy: EasAutoscaler, current: number, metrics: Readonly<Record<string, number>>, now: Date): number | undefined {
    const t = now.getTime();
    const recommendation = recommendedReplicas(policy, metrics);
    const keep = Math.max(policy.scaleUpWindowSeconds, policy.scaleDownWindowSeconds) * 1000;
    const list = (this.history.get(serviceId) ?? []).filter((h) => t - h.at <= keep);
    list.push({ at: t, replicas: recommendation });
    this.history.set(serviceId, list);
    const since = this.since.get(serviceId) ?? t;
    this.since.set(serviceId, since);
    const within = (seconds: number) => list.filter((h) => t - h.at <= seconds * 1000).map((h) => h.replicas);
    let target = current;
    if (recommendation > current) target = Math.max(current, Math.min(...within(policy.scaleUpWindowSeconds)));
    else if (recommendation < current && t - since >= policy.scaleDownWindowSeconds * 1000) target = Math.min(current, Math.max(...within(policy.scaleDownWindowSeconds)));
    target = Math.min(policy.max, Math.max(policy.min, target));
    return target === current ? undefined : target;
  }

  forget(serviceId: string): void {
    this.history.delete(serviceId);
    this.since.delete(serviceId);
  }
}
