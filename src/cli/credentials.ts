import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "./cli-error.ts";

/** What the CLI signs with and where it sends requests. */
export interface CliCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly endpoint: URL;
  /** The file the key came from, for messages. */
  readonly source: string;
}

export interface CredentialOptions {
  /** --credentials <file> */
  readonly credentials?: string;
  /** --endpoint <url>, wins over the file's endpoint */
  readonly endpoint?: string;
}

/**
 * Reads `--credentials <file>` or else `<data dir>/credentials.json` (NESTBOX_DATA_DIR, default
 * ./.nestbox), the file `nestbox serve` writes on first start.
 */
export function loadCliCredentials(
  options: CredentialOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): CliCredentials {
  const dataDir = resolve(cwd, env.NESTBOX_DATA_DIR?.trim() || ".nestbox");
  const file = options.credentials ? resolve(cwd, options.credentials) : join(dataDir, "credentials.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `No credentials at ${file}. Start the server once (nestbox serve) to create them, or pass --credentials <file>.`
        : `Cannot read credentials ${file}: ${code ?? (e as Error).message}.`,
    );
  }
  let parsed: { accessKeyId?: unknown; accessKeySecret?: unknown; endpoint?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`Credentials ${file} are not valid JSON.`);
  }
  if (typeof parsed.accessKeyId !== "string" || typeof parsed.accessKeySecret !== "string") {
    throw new CliError(`Credentials ${file} need "accessKeyId" and "accessKeySecret".`);
  }
  const endpoint = options.endpoint ?? (typeof parsed.endpoint === "string" ? parsed.endpoint : undefined);
  if (!endpoint) throw new CliError(`Credentials ${file} have no "endpoint"; pass --endpoint <url>.`);
  return {
    accessKeyId: parsed.accessKeyId,
    accessKeySecret: parsed.accessKeySecret,
    endpoint: parseEndpoint(endpoint),
    source: file,
  };
}

/** Accepts `http://host:port`, `https://host` or a bare `host:port` (taken as http). */
export function parseEndpoint(text: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError(`Invalid endpoint "${text}"; expected a URL such as http://127.0.0.1:8800.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError(`Invalid endpoint "${text}"; only http and https are supported.`);
  }
  return url;
}
