import { request } from "node:http";
import { connect } from "node:net";
import type { ReadinessCheck } from "./process-spec.ts";
import { LOOPBACK } from "./port-allocator.ts";

/**
 * One readiness check against a replica on 127.0.0.1: HTTP GET answering 2xx or 3xx, or a TCP
 * connection accepted, within `timeoutMs`. Never rejects.
 */
export function probeReadiness(check: ReadinessCheck, port: number, timeoutMs: number): Promise<boolean> {
  if (check.kind === "none") return Promise.resolve(true);
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => {
      done(false);
      socketLike.destroy();
    }, timeoutMs);
    const socketLike =
      check.kind === "http"
        ? request({ host: LOOPBACK, port, path: check.path, method: "GET", agent: false, headers: { "user-agent": "nestbox-readiness" } }, (res) => {
            res.resume();
            done((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
          })
            .on("error", () => done(false))
            .end()
        : connect({ host: LOOPBACK, port }, () => {
            done(true);
            socketLike.destroy();
          }).on("error", () => done(false));
  });
}
