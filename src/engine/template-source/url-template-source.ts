import { open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateSource } from "../../core/catalog/template-source.ts";
import { parseTemplateDocument } from "./template-document.ts";

export interface UrlTemplateSourceOptions {
  /**
   * Directories `file:` URLs may read from (after resolving symlinks). Empty: `file:` URLs are
   * refused, so suppliers cannot make the server read its own files unless the operator allows it.
   */
  readonly fileRoots: readonly string[];
  /** Per request, for http(s). Default 10 s. */
  readonly timeoutMs?: number;
  /** Largest template accepted, bytes. Default 524,288 (ROS's TemplateBody limit). */
  readonly maxBytes?: number;
  /** Replaceable for tests. Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * Reads templates from `https://`, `http://` and (when allowed) `file:///absolute/path` URLs,
 * with a timeout and a size limit; parses JSON or YAML (template-document.ts). Errors are plain
 * Errors with a short reason; the catalog reports them as InvalidArgument on DeployMetadata.
 * `oss://` URLs (Alibaba object storage) are not supported: use https:// or TemplateBody.
 */
export class UrlTemplateSource implements TemplateSource {
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: UrlTemplateSourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 524_288;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async read(url: string): Promise<string> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("the URL is not valid");
    }
    switch (parsed.protocol) {
      case "http:":
      case "https:":
        return this.readHttp(parsed);
      case "file:":
        return this.readFile(parsed);
      default:
        throw new Error(`the URL scheme ${parsed.protocol} is not supported (use https://, http:// or file://)`);
    }
  }

  parse(text: string): unknown {
    return parseTemplateDocument(text);
  }

  private async readHttp(url: URL): Promise<string> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: "follow" });
    } catch (e) {
      const err = e as Error;
      if (err.name === "TimeoutError" || err.name === "AbortError") throw new Error(`no answer within ${this.timeoutMs} ms`);
      throw new Error(`the request failed (${(err.cause as Error | undefined)?.message ?? err.message})`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > this.maxBytes) {
      await response.body?.cancel();
      throw new Error(`the template is larger than ${this.maxBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel();
        throw new Error(`the template is larger than ${this.maxBytes} bytes`);
      }
      chunks.push(value);
    }
    return decode(Buffer.concat(chunks));
  }

  private async readFile(url: URL): Promise<string> {
    if (this.options.fileRoots.length === 0) throw new Error("file: URLs are not allowed on this server");
    let path: string;
    try {
      path = fileURLToPath(url);
    } catch {
      throw new Error("the file: URL must name an absolute path (file:///path/to/template.yaml)");
    }
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      throw new Error("the file does not exist");
    }
    if (!(await this.insideRoots(real))) throw new Error("the file is outside the directories this server may read");
    const handle = await open(real, "r").catch(() => {
      throw new Error("the file cannot be opened");
    });
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new Error("the path is not a file");
      if (stat.size > this.maxBytes) throw new Error(`the template is larger than ${this.maxBytes} bytes`);
      return decode(await handle.readFile());
    } finally {
      await handle.close();
    }
  }

  private async insideRoots(real: string): Promise<boolean> {
    for (const root of this.options.fileRoots) {
      const base = await realpath(resolve(root)).catch(() => undefined);
      if (!base) continue;
      const rel = relative(base, real);
      if (rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel))) return true;
    }
    return false;
  }
}

/** Templates are UTF-8 (ALIBABA.md 6.1); a byte-order mark is dropped. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new Error("the template is not UTF-8 text");
  }
}
