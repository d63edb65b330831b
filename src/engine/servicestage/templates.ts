import { execFile } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Template } from "../../core/servicestage/servicestage-metadata.ts";
import type { RuntimeInfo } from "../../core/servicestage/servicestage-runtime.ts";

/** A starter package for one runtime: a single file the runtime's entry-point rules pick up. */
interface TemplateSource {
  readonly name: string;
  readonly runtime: string;
  readonly file: string;
  readonly description: string;
  readonly content: () => string;
}

const NODE_SERVER = `// nestbox ServiceStage template: answers every path with 200 on $PORT.
require("node:http")
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("hello from the " + (process.env.NESTBOX_TEMPLATE || "nodejs") + " template\\n");
  })
  .listen(Number(process.env.PORT || 8080));
`;

const SOURCES: readonly TemplateSource[] = [
  {
    name: "nodejs-http",
    runtime: "Nodejs",
    file: "server.js",
    description: "Node.js HTTP server answering 200 on every path of $PORT (runtime Nodejs or Nodejs8; the package is server.js).",
    content: () => NODE_SERVER,
  },
  {
    name: "python3-http",
    runtime: "Python3",
    file: "app.py",
    description: "Python 3 http.server answering 200 on every path of $PORT (the package is app.py).",
    content: () => `# nestbox ServiceStage template: answers every path with 200 on $PORT.
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from the python3 template\\n"
        self.send_response(200)
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Hello).serve_forever()
`,
  },
  {
    name: "java8-http",
    runtime: "Java8",
    file: "Main.java",
    description: "Java com.sun.net.httpserver answering 200 on every path of $PORT; one .java source file, run with `java Main.java` (needs JDK 11+ on this host).",
    content: () => `// nestbox ServiceStage template: answers every path with 200 on $PORT.
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Main {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", exchange -> {
      byte[] body = "hello from the java8 template\\n".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("content-type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }
}
`,
  },
  {
    name: "custom-shell",
    runtime: "Custom",
    file: "start.sh",
    description: 'Shell entry point that starts a Node.js HTTP server on $PORT. Custom runs configuration.lifecycle.entrypoint: set {"command":["sh","start.sh"],"args":[]}.',
    // The Node.js that runs nestbox is the one interpreter this host surely has.
    content: () => `#!/bin/sh
# nestbox ServiceStage template for the Custom runtime (entrypoint: sh start.sh).
NESTBOX_TEMPLATE=custom exec ${shellQuote(process.execPath)} - <<'JS'
${NODE_SERVER}JS
`,
  },
];

/**
 * The templates this host can run (ListTemplates): one starter package per runtime in
 * `runtimes`, written once to `<dataDir>/servicestage/templates/<name>/<file>`. Each template's
 * `source_repo_url` is that file's file: URL, which CreateInstance takes as an artifact url.
 */
export class TemplateShelf {
  private written: Promise<Template[]> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly runtimes: readonly RuntimeInfo[],
  ) {}

  list(): Promise<Template[]> {
    this.written ??= this.write().catch((e: unknown) => {
      this.written = undefined;
      throw e;
    });
    return this.written;
  }

  private async write(): Promise<Template[]> {
    const available = new Set(this.runtimes.map((r) => r.typeName));
    // Main.java runs through the source launcher, which only JDK 11+ has.
    if (available.has("Java8") && (await javaMajorVersion()) < 11) available.delete("Java8");
    const out: Template[] = [];
    for (const t of SOURCES.filter((s) => available.has(s.runtime))) {
      const dir = join(this.dataDir, "servicestage", "templates", t.name);
      const file = join(dir, t.file);
      const content = t.content();
      // Rewritten only when different, so the package store's cache key (size, mtime) holds.
      if ((await readFile(file, "utf8").catch(() => undefined)) !== content) {
        await mkdir(dir, { recursive: true });
        await writeFile(`${file}.tmp`, content, { mode: 0o644 });
        await rename(`${file}.tmp`, file);
      }
      out.push({ templateName: t.name, templateDesc: t.description, sourceType: "artifact", sourceRepoUrl: pathToFileURL(file).href, runtime: t.runtime });
    }
    return out;
  }
}

/** The major version of `java` on PATH (`java --version`, JDK 9+); 0 when unknown. */
function javaMajorVersion(): Promise<number> {
  return new Promise((resolve) => {
    execFile("java", ["--version"], { timeout: 30_000 }, (err, stdout) => {
      const major = /(\d+)(?:\.\d+)*/.exec(stdout.split("\n")[0] ?? "");
      resolve(err || !major ? 0 : Number(major[1]));
    });
  });
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
