import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { RuntimeInfo } from "../../core/servicestage/servicestage-runtime.ts";

/** Finds an executable on PATH (like `which`); undefined when absent. */
export function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The runtimes this host really has (ListRuntimes): Node.js always (nestbox runs on it), Python 3
 * and Java 8+ when their executables are on PATH, and Custom (the package's own entrypoint).
 */
export function detectRuntimes(): RuntimeInfo[] {
  const out: RuntimeInfo[] = [
    { typeName: "Nodejs8", displayName: "Node.js", defaultPort: 8080, description: `Node.js ${process.version} on this host: runs package.json "main" (or index.js, server.js, app.js).` },
    { typeName: "Nodejs", displayName: "Node.js", defaultPort: 8080, description: `Same as Nodejs8 (Node.js ${process.version}).` },
  ];
  if (onPath("python3")) out.push({ typeName: "Python3", displayName: "Python 3", defaultPort: 8080, description: "python3 on this host: runs app.py, main.py or server.py." });
  if (onPath("java")) out.push({ typeName: "Java8", displayName: "Java", defaultPort: 8080, description: "java on this host: runs the package's one jar with java -jar (or its one .java source file with java, JDK 11+)." });
  out.push({ typeName: "Custom", displayName: "Custom", defaultPort: 8080, description: "Runs configuration.lifecycle.entrypoint (command and args) in the package directory." });
  return out;
}
