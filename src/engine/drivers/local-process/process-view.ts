import type { AppliedResource, ObservedReplica, ObservedResource, ReplicaStatus, ReplicaTermination } from "../driver.ts";
import { LOCAL_PROCESS_TYPE } from "./process-spec.ts";
import type { ReplicaSlot, StoredTermination } from "./process-state.ts";
import type { ProcessUnit } from "./process-unit.ts";
import { LOOPBACK } from "./port-allocator.ts";

/**
 * `Fn::GetAtt` attributes: `Url` (http://127.0.0.1:<port of replica 0>, empty with 0 replicas),
 * `Addresses` (host:port per replica), `Ports`, `Replicas` (count).
 */
export function appliedProcess(unit: ProcessUnit): AppliedResource {
  const ports = unit.state.slots.map((s) => s.current.port);
  return {
    physicalId: unit.key,
    attributes: {
      Url: ports.length > 0 ? `http://${LOOPBACK}:${ports[0]}` : "",
      Addresses: ports.map((p) => `${LOOPBACK}:${p}`),
      Ports: ports,
      Replicas: ports.length,
    },
    secretAttributes: [],
  };
}

export function observedProcess(unit: ProcessUnit): ObservedResource {
  const replicas = unit.state.slots.map((slot) => observedReplica(unit, slot));
  const applied = appliedProcess(unit);
  // Fields named, not spread: EAS lists observe up to 100 of these per request.
  return {
    physicalId: applied.physicalId,
    attributes: applied.attributes,
    secretAttributes: applied.secretAttributes,
    key: unit.key,
    type: LOCAL_PROCESS_TYPE,
    desiredState: unit.state.desired,
    ready: unit.state.desired === "Running" && replicas.length === unit.desiredSpec.replicas && replicas.every((r) => r.ready),
    specHash: unit.state.specHash,
    replicas,
  };
}

function observedReplica(unit: ProcessUnit, slot: ReplicaSlot): ObservedReplica {
  const r = slot.current;
  const live = unit.live.get(r.id);
  let status: ReplicaStatus;
  let reason: string | undefined;
  if (r.pid !== undefined) {
    status = live?.stopping ? "Terminating" : "Running";
    if (!live?.ready) reason = live?.stopping ? "Stopping" : live?.wasReady ? "ReadinessCheckFailed" : "Starting";
  } else if (unit.state.desired === "Stopped") {
    status = "Stopped";
  } else if (r.nextRestartAt) {
    status = "Pending";
    reason = r.lastState ? "CrashLoopBackOff" : "Starting";
  } else if (r.lastState) {
    status = r.lastState.reason === "Completed" ? "Succeeded" : "Failed";
    reason = r.lastState.reason;
  } else {
    status = "Pending";
    reason = "Starting";
  }
  const ready = status === "Running" && live?.ready === true;
  return {
    index: slot.index,
    status,
    ready,
    ...(reason !== undefined && !ready ? { reason } : {}),
    ...(r.pid !== undefined ? { pid: r.pid } : {}),
    port: r.port,
    restartCount: r.restartCount,
    ...(r.startedAt ? { startedAt: new Date(r.startedAt) } : {}),
    ...(r.lastState ? { lastState: termination(r.lastState) } : {}),
    specHash: r.specHash,
  };
}

const termination = (t: StoredTermination): ReplicaTermination => ({
  exitCode: t.exitCode,
  signal: t.signal,
  reason: t.reason,
  ...(t.message !== undefined ? { message: t.message } : {}),
  finishedAt: new Date(t.finishedAt),
});
