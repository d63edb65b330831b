import type { ApplyContext } from "../driver.ts";
import { DRIVER_ERROR_CODES, retryableError, terminalError } from "../driver-error.ts";
import { LOCAL_PROCESS_TYPE } from "./process-spec.ts";
import type { ProcessRecord } from "./process-state.ts";
import type { ProcessUnit } from "./process-unit.ts";
import { logTail, replicaLogPath } from "./replica-log.ts";

export interface WaitTarget {
  readonly index: number;
  readonly record: ProcessRecord;
}

export interface WaitPolicy {
  readonly timeoutMs: number;
  /** Exits before readiness after which waiting stops with `START_FAILED`. */
  readonly startAttempts: number;
  readonly pollMs: number;
  readonly isClosed: () => boolean;
}

/**
 * Resolves once every target runs and passes its readiness check (the supervisor updates both).
 * Rejects terminal `START_FAILED` when one cannot start or exits `startAttempts` times, or will
 * not be restarted (restart policy); terminal `NOT_READY` after the timeout; retryable `ABORTED`
 * or `DRIVER_CLOSED` when the caller or the driver gives up. Messages carry the reason and the
 * tail of the replica's log.
 */
export async function waitUntilReady(unit: ProcessUnit, targets: readonly WaitTarget[], ctx: ApplyContext, policy: WaitPolicy): Promise<void> {
  const baseline = new Map(targets.map((t) => [t.record.id, unit.exitCounts.get(t.record.id) ?? 0]));
  const deadline = Date.now() + (ctx.readyTimeoutMs ?? policy.timeoutMs);
  for (;;) {
    if (policy.isClosed()) throw retryableError(DRIVER_ERROR_CODES.DRIVER_CLOSED, `The local driver was closed while ${unit.key} was starting.`);
    if (ctx.signal?.aborted) throw retryableError(DRIVER_ERROR_CODES.ABORTED, `Stopped waiting for ${unit.key}: the call was aborted.`);
    let allReady = true;
    for (const t of targets) {
      const live = unit.live.get(t.record.id);
      if (t.record.pid !== undefined && live?.ready && !live.stopping) continue;
      allReady = false;
      const exits = (unit.exitCounts.get(t.record.id) ?? 0) - baseline.get(t.record.id)!;
      const noRestart = t.record.pid === undefined && !t.record.nextRestartAt;
      if (exits > 0 && (t.record.lastState?.reason === "StartError" || noRestart || exits >= policy.startAttempts)) {
        throw terminalError(
          DRIVER_ERROR_CODES.START_FAILED,
          `Replica ${t.index} of ${LOCAL_PROCESS_TYPE} ${unit.key} ${describeExit(t.record)} before it became ready` +
            (exits > 1 ? ` (${exits} attempts)` : "") +
            `.${tailOf(unit, t.index)}`,
        );
      }
    }
    if (allReady) return;
    if (Date.now() >= deadline) {
      const waiting = targets.filter((t) => !(t.record.pid !== undefined && unit.live.get(t.record.id)?.ready));
      const first = waiting[0]!;
      throw terminalError(
        DRIVER_ERROR_CODES.NOT_READY,
        `${LOCAL_PROCESS_TYPE} ${unit.key} did not become ready within ${Math.round((ctx.readyTimeoutMs ?? policy.timeoutMs) / 1000)} s: ` +
          waiting.map((t) => `replica ${t.index} ${describeWait(unit, t.record)}`).join("; ") +
          `.${tailOf(unit, first.index)}`,
      );
    }
    await new Promise((r) => setTimeout(r, policy.pollMs));
  }
}

function describeExit(record: ProcessRecord): string {
  const last = record.lastState;
  if (!last) return "exited";
  if (last.reason === "StartError") return `could not be started (${last.message ?? "unknown error"})`;
  if (last.reason === "LivenessProbeFailed") return `was stopped (${last.message ?? "liveness probe failed"})`;
  if (last.signal) return `was killed by ${last.signal}`;
  if (last.exitCode !== null) return `exited with code ${last.exitCode}`;
  return "exited";
}

function describeWait(unit: ProcessUnit, record: ProcessRecord): string {
  if (record.pid === undefined) return record.lastState ? `${describeExit(record)} and waits to restart` : "has not started";
  const check = unit.specOf(record).readiness;
  return check.kind === "http"
    ? `does not answer GET ${check.path} on port ${record.port} with 2xx/3xx`
    : check.kind === "tcp"
      ? `does not accept connections on port ${record.port}`
      : check.kind === "command"
        ? `fails its readiness command ${JSON.stringify(check.command.join(" "))}`
        : "is still starting";
}

function tailOf(unit: ProcessUnit, index: number): string {
  const tail = logTail(replicaLogPath(unit.dir, index));
  return tail ? ` Last output:\n${tail}` : " It wrote no output.";
}
