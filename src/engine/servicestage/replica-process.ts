import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readdir, rm, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Probe, RunConfiguration } from "../../core/servicestage/instance-configuration.ts";
import type { EnvVar } from "../../core/servicestage/servicestage-model.ts";
import { DRIVER_ERROR_CODES, terminalError } from "../drivers/driver-error.ts";
import { LOCAL_PROCESS_TYPE } from "../drivers/local-driver.ts";
import { onPath } from "./runtimes.ts";

/** What one replica runs: the package, its runtime, configuration and variables. */
export interface ReplicaRecipe {
  readonly runtime: string;
  readonly packageRoot: string;
  readonly config: RunConfiguration;
  /** Internal, application-level and instance variables, later ones winning. */
  readonly env: readonly EnvVar[];
}

const DRIVER_ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The replica's working directory: `<dataDir>/servicestage/replicas/<key>`, holding a link to
 * every top-level entry of the package and the storage mounts (a mount path `/data` becomes
 * `./data`; EmptyDir volumes live under `.volumes/` and go with the replica; HostPath mounts link
 * to the host directory). Processes are not confined, so `readOnly: true` is refused at the API.
 */
export async function prepareReplicaDir(dataDir: string, key: string, recipe: ReplicaRecipe): Promise<string> {
  const dir = replicaDir(dataDir, key);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(recipe.packageRoot)) await symlink(join(recipe.packageRoot, entry), join(dir, entry));
  let volume = 0;
  for (const v of recipe.config.storage) {
    const source = v.type === "HostPath" ? v.hostPath! : join(dir, ".volumes", String(volume++));
    if (v.type === "EmptyDir") await mkdir(source, { recursive: true });
    for (const m of v.mounts) {
      const target = join(dir, m.path);
      await mkdir(dirname(target), { recursive: true });
      await rm(target, { recursive: true, force: true });
      const from = m.subPath ? join(source, m.subPath) : source;
      if (v.type === "EmptyDir" || v.hostPath) await mkdir(from, { recursive: true }).catch(() => undefined);
      await symlink(from, target);
    }
  }
  return dir;
}

export const replicaDir = (dataDir: string, key: string) => join(dataDir, "servicestage", "replicas", key);

export async function removeReplicaDir(dataDir: string, key: string): Promise<void> {
  await rm(replicaDir(dataDir, key), { recursive: true, force: true });
}

/**
 * Properties of the replica's `Nestbox::Local::Process` (one replica per resource, so the
 * engine decides the order of a rolling update). Variables whose names the driver does not take
 * (ServiceStage allows `-` and `.`) are passed through `env NAME=value … command`.
 */
export function processProperties(recipe: ReplicaRecipe, workingDir: string): Record<string, unknown> {
  const [command, ...args] = commandOf(recipe);
  const plain: Record<string, string> = {};
  const odd: string[] = [];
  for (const { name, value } of recipe.env) {
    if (DRIVER_ENV_NAME.test(name)) plain[name] = value;
    else odd.push(`${name}=${value}`);
  }
  const readiness = recipe.config.readiness ? driverCheck(recipe.config.readiness) : undefined;
  const liveness = recipe.config.liveness ? driverCheck(recipe.config.liveness) : undefined;
  return {
    Command: odd.length > 0 ? ["env", ...odd, command!] : command,
    Args: args,
    Env: plain,
    WorkingDir: workingDir,
    Replicas: 1,
    StopTimeout: 10,
    ...(readiness ? { ReadinessCheck: readiness } : {}),
    ...(liveness ? { LivenessCheck: liveness } : {}),
  };
}

/**
 * A B.6.2 probe as a driver check: `delay` before the first check, `timeout` per check. The check
 * targets the replica's own port on 127.0.0.1 over plain HTTP (the probe's port, host and scheme
 * describe a container's network, which a local replica does not have). Liveness keeps the
 * driver's Kubernetes defaults for period (10 s) and failure threshold (3).
 */
function driverCheck(probe: Probe): Record<string, unknown> {
  const check = probe.type === "http" ? { Http: probe.path } : probe.type === "tcp" ? { Tcp: true } : { Command: [...probe.command] };
  return { ...check, InitialDelaySeconds: probe.delay, TimeoutSeconds: probe.timeout };
}

export { LOCAL_PROCESS_TYPE };

/** The command line of a runtime (B.4 runtimes on this host). */
export function commandOf(recipe: ReplicaRecipe): string[] {
  const entry = recipe.config.entrypoint;
  if (entry) return [...entry.command, ...entry.args];
  const root = recipe.packageRoot;
  const files = readdirSync(root);
  switch (recipe.runtime) {
    case "Nodejs8":
    case "Nodejs": {
      let main: string | undefined;
      if (existsSync(join(root, "package.json"))) {
        try {
          main = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { main?: string }).main;
        } catch {
          main = undefined;
        }
      }
      const script = main ?? ["index.js", "server.js", "app.js", "main.js"].find((f) => files.includes(f)) ?? single(files, /\.(m?js|cjs)$/);
      if (!script) throw noEntry(recipe, 'package.json "main", index.js, server.js or app.js');
      return [process.execPath, script];
    }
    case "Python3": {
      const script = ["app.py", "main.py", "server.py"].find((f) => files.includes(f)) ?? single(files, /\.py$/);
      if (!script) throw noEntry(recipe, "app.py, main.py or server.py");
      return [onPath("python3") ?? "python3", "-u", script];
    }
    case "Java8": {
      const java = onPath("java") ?? "java";
      const jar = single(files, /\.jar$/);
      if (jar) return [java, "-jar", jar];
      // One source file runs through the JDK 11+ source launcher (the Java8 template).
      const source = single(files, /\.java$/);
      if (source) return [java, source];
      throw noEntry(recipe, "one .jar file (or one .java source file)");
    }
    default:
      throw terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `Runtime ${recipe.runtime} needs configuration.lifecycle.entrypoint (command and args).`);
  }
}

function single(files: readonly string[], pattern: RegExp): string | undefined {
  const matching = files.filter((f) => pattern.test(f));
  return matching.length === 1 ? matching[0] : undefined;
}

const noEntry = (recipe: ReplicaRecipe, wanted: string) =>
  terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `The ${recipe.runtime} package has no entry point: looked for ${wanted}; or set configuration.lifecycle.entrypoint.`);
