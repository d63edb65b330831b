import type { ReplicaRef } from "../../core/servicestage/servicestage-model.ts";

/** One step of a rollout: replicas to remove, then replicas to start (and wait for). */
export interface RolloutRound {
  readonly down: readonly ReplicaRef[];
  readonly up: readonly ReplicaRef[];
}

/**
 * Rounds that replace `old` by `fresh` like a Kubernetes Deployment: at every moment at most
 * `target + maxSurge` replicas exist and at least `target - maxUnavailable` of the replicas that
 * were serving keep serving (a new replica counts once it is ready, which each round waits for).
 * `Recreate` removes everything, then starts everything. Pure: the same input gives the same
 * rounds, so a resumed job replays the same plan.
 */
export function planRollout(
  old: readonly ReplicaRef[],
  fresh: readonly ReplicaRef[],
  strategy: { type: "RollingUpdate" | "Recreate"; maxSurge: number; maxUnavailable: number },
): RolloutRound[] {
  if (strategy.type === "Recreate") return [...(old.length ? [{ down: [...old], up: [] }] : []), ...(fresh.length ? [{ down: [], up: [...fresh] }] : [])];
  const target = fresh.length;
  const oldLeft = [...old];
  const toStart = [...fresh];
  let started = 0;
  const rounds: RolloutRound[] = [];
  while (oldLeft.length > 0 || toStart.length > 0) {
    const minAvailable = Math.max(0, target - strategy.maxUnavailable);
    const downCount = Math.min(oldLeft.length, Math.max(0, oldLeft.length + started - minAvailable));
    // With everything started, what is left of the old ones goes.
    const down = oldLeft.splice(0, toStart.length === 0 ? oldLeft.length : downCount);
    const room = target + strategy.maxSurge - (oldLeft.length + started);
    const up = toStart.splice(0, Math.max(0, Math.min(toStart.length, room)));
    if (down.length === 0 && up.length === 0) {
      // Cannot happen with maxSurge + maxUnavailable >= 1; guard against a stuck plan anyway.
      rounds.push({ down: oldLeft.splice(0, 1), up: toStart.splice(0, 1) });
      started += 1;
      continue;
    }
    started += up.length;
    rounds.push({ down, up });
  }
  return rounds;
}
