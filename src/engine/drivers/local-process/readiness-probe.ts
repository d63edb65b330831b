import { request } from "node:http";
import { connect } from "node:net";
import { execFile } from "node:child_process";
import type { ReadinessCheck } from "./process-spec.ts";
import { LOOPBACK } from "./port-allocator.ts";

/**
 * One readiness check against a replica on 127.0.0.1: HTTP GET answering 2xx or 3xx, or a TCP
 * connection accepted, within `timeoutMs`. Never rejects.
 */
export function probeReadiness(check: ReadinessCheck, port: number, timeoutMs: number, context?: CommandContext): Promise<boolean> {
  return probeFailure(check, port, timeoutMs, context).then((failure) => failure === undefined);
}

/**
 * The same check, saying why it failed (liveness records the reason): `undefined` when it passed,
 * else a short description such as "GET /live answered 500". Never rejects.
 */
export function probeFailure(check: ReadinessCheck, port: number, timeoutMs: number, context?: CommandContext): Promise<string | undefined> {
  if (check.kind === "none") return Promise.resolve(undefined);
  if (check.kind === "command") return probeCommand(check.command, port, timeoutMs, context);
  const seconds = `${timeoutMs / 1000} s`;
  return new Promise((resolve) => {
    let settled = false;
    const done = (failure: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(failure);
    };
    const timer = setTimeout(() => {
      done(check.kind === "http" ? `GET ${check.path} on port ${port} got no answer within ${seconds}` : `no connection on port ${port} within ${seconds}`);
      socketLike.destroy();
    }, timeoutMs);
    const socketLike =
      check.kind === "http"
        ? request({ host: LOOPBACK, port, path: check.path, method: "GET", agent: false, headers: { "user-agent": "nestbox-readiness" } }, (res) => {
            res.resume();
            const status = res.statusCode ?? 0;
            done(status >= 200 && status < 400 ? undefined : `GET ${check.path} on port ${port} answered ${status}`);
          })
            .on("error", (e: NodeJS.ErrnoException) => done(`GET ${check.path} on port ${port} failed: ${e.code ?? e.message}`))
            .end()
        : connect({ host: LOOPBACK, port }, () => {
            done(undefined);
            socketLike.destroy();
          }).on("error", (e: NodeJS.ErrnoException) => done(`connection to port ${port} failed: ${e.code ?? e.message}`));
  });
}

/** Where a command check runs: the replica's working directory and environment. */
export interface CommandContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** A command check: passes when it exits 0 within the timeout (killed otherwise). Never rejects. */
function probeCommand(command: readonly string[], port: number, timeoutMs: number, context?: CommandContext): Promise<string | undefined> {
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...context?.env, PORT: String(port) };
  const shown = JSON.stringify(command.join(" "));
  return new Promise((resolve) => {
    execFile(command[0]!, command.slice(1), { cwd: context?.cwd, env, timeout: timeoutMs, killSignal: "SIGKILL", windowsHide: true }, (err) => {
      if (!err) return resolve(undefined);
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      resolve(
        e.killed
          ? `command ${shown} did not finish within ${timeoutMs / 1000} s`
          : typeof e.code === "number"
            ? `command ${shown} exited with code ${e.code}`
            : `command ${shown} could not run: ${e.code ?? e.message}`,
      );
    });
  });
}
