import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { terminalError, DRIVER_ERROR_CODES, retryableError } from "../drivers/driver-error.ts";

const run = promisify(execFile);
/** Packages larger than this are refused (a download is held on disk only). */
const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * Fetches a package artifact (file: or http(s): URL) and unpacks it once into
 * `<dataDir>/servicestage/packages/<hash>/root`: a tar.gz / tgz / tar (by `tar`), a zip (by
 * `unzip`), or any other file kept as it is. When an archive holds a single top-level directory,
 * that directory is the package root. Idempotent: a package already unpacked is reused; an
 * interrupted unpack is redone.
 */
export class PackageStore {
  private readonly dir: string;
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, "servicestage", "packages");
  }

  /** Resolves to the package root directory. Terminal errors for a missing or bad package. */
  fetch(url: string, version: string): Promise<string> {
    return this.keyOf(url, version).then((key) => {
      let p = this.inflight.get(key);
      if (!p) {
        p = this.unpack(key, url).finally(() => this.inflight.delete(key));
        this.inflight.set(key, p);
      }
      return p;
    });
  }

  private async keyOf(url: string, version: string): Promise<string> {
    let extra = "";
    if (url.startsWith("file:")) {
      const info = await stat(fileURLToPath(url)).catch(() => undefined);
      if (!info?.isFile()) throw terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `The package ${url} does not exist or is not a file.`);
      extra = `${info.size}:${info.mtimeMs}`;
    }
    return createHash("sha256").update(`${url}\n${version}\n${extra}`).digest("hex").slice(0, 24);
  }

  private async unpack(key: string, url: string): Promise<string> {
    const base = join(this.dir, key);
    const root = join(base, "root");
    const ready = join(base, "ready");
    if (await exists(ready)) return (await readFileText(ready)) || root;
    await rm(base, { recursive: true, force: true });
    await mkdir(base, { recursive: true, mode: 0o700 });
    const name = safeName(url);
    const download = join(base, `download-${name}`);
    await this.download(url, download);
    const staging = join(base, "staging");
    await mkdir(staging, { recursive: true });
    const kind = await archiveKind(download, name);
    try {
      if (kind === "tar") await run("tar", ["-xf", download, "-C", staging, "--no-same-owner"]);
      else if (kind === "zip") await run("unzip", ["-q", "-o", download, "-d", staging]);
      else await copyFile(download, join(staging, name));
    } catch (e) {
      throw terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `The package ${url} could not be unpacked as ${kind}: ${(e as Error).message.split("\n")[0]}`);
    }
    await rm(download, { force: true });
    await rename(staging, root);
    const entries = await readdir(root, { withFileTypes: true });
    const packageRoot = kind !== "file" && entries.length === 1 && entries[0]!.isDirectory() ? join(root, entries[0]!.name) : root;
    await writeFile(ready, packageRoot);
    return packageRoot;
  }

  private async download(url: string, to: string): Promise<void> {
    if (url.startsWith("file:")) {
      await copyFile(fileURLToPath(url), to);
      return;
    }
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: "follow" });
    } catch (e) {
      throw retryableError(DRIVER_ERROR_CODES.IO_ERROR, `Downloading the package ${url} failed: ${(e as Error).message}`);
    }
    if (!res.ok) {
      const error = res.status >= 500 ? retryableError : terminalError;
      throw error(res.status >= 500 ? DRIVER_ERROR_CODES.IO_ERROR : DRIVER_ERROR_CODES.INVALID_PROPERTIES, `Downloading the package ${url} answered HTTP ${res.status}.`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_PACKAGE_BYTES) throw terminalError(DRIVER_ERROR_CODES.INVALID_PROPERTIES, `The package ${url} is larger than ${MAX_PACKAGE_BYTES} bytes.`);
    await writeFile(to, bytes);
  }
}

function safeName(url: string): string {
  const path = url.startsWith("file:") ? fileURLToPath(url) : new URL(url).pathname;
  return basename(path).replace(/[^A-Za-z0-9._-]/g, "_") || "package";
}

/** By magic bytes first (gzip, zip, ustar), then by name. */
async function archiveKind(file: string, name: string): Promise<"tar" | "zip" | "file"> {
  const handle = await open(file, "r");
  const head = Buffer.alloc(512);
  try {
    await handle.read(head, 0, 512, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return /\.(tar\.gz|tgz)$/i.test(name) || !/\.gz$/i.test(name) ? "tar" : "file";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return /\.(zip|jar|war)$/i.test(name) && /\.(jar|war)$/i.test(name) ? "file" : "zip";
  if (head.subarray(257, 262).toString("latin1") === "ustar") return "tar";
  return "file";
}

const exists = (path: string) => stat(path).then(() => true, () => false);
const readFileText = (path: string) => readFile(path, "utf8");
