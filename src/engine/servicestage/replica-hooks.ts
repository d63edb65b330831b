import { execFile } from "node:child_process";
import { request } from "node:http";
import type { Hook } from "../../core/servicestage/instance-configuration.ts";
import { DRIVER_ERROR_CODES, terminalError } from "../drivers/driver-error.ts";

const HOOK_TIMEOUT_MS = 60_000;

/**
 * Runs a lifecycle hook (post-start, pre-stop; B.6.2) against one replica: a command in its
 * working directory with its variables and PORT, or an HTTP GET (2xx/3xx) on host:port (default
 * 127.0.0.1 and the replica's port). Rejects with a terminal error saying what failed.
 */
export function runHook(hook: Hook, replica: { port: number; cwd: string; env: Readonly<Record<string, string>> }): Promise<void> {
  if (hook.type === "command") {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...replica.env, PORT: String(replica.port) };
    return new Promise((resolve, reject) => {
      execFile(hook.command[0]!, hook.command.slice(1), { cwd: replica.cwd, env, timeout: HOOK_TIMEOUT_MS, killSignal: "SIGKILL" }, (err, _out, stderr) =>
        err ? reject(terminalError(DRIVER_ERROR_CODES.START_FAILED, `Hook command ${JSON.stringify(hook.command.join(" "))} failed: ${err.message.split("\n")[0]}${stderr ? ` (${String(stderr).trim().slice(-300)})` : ""}`)) : resolve(),
      );
    });
  }
  const host = hook.host ?? "127.0.0.1";
  const port = hook.port ?? replica.port;
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: hook.path, method: "GET", timeout: HOOK_TIMEOUT_MS, agent: false }, (res) => {
      res.resume();
      const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400;
      ok ? resolve() : reject(terminalError(DRIVER_ERROR_CODES.START_FAILED, `Hook GET http://${host}:${port}${hook.path} answered ${res.statusCode}.`));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (e) => reject(terminalError(DRIVER_ERROR_CODES.START_FAILED, `Hook GET http://${host}:${port}${hook.path} failed: ${e.message}`)));
    req.end();
  });
}
