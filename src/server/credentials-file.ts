import { chmodSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const CREDENTIALS_FILE_NAME = "credentials.json";

/** The operator's root access key, as the CLI and SDK examples read it. */
export interface CredentialsFile {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly accountId: string;
  readonly endpoint: string;
}

export const credentialsPath = (dataDir: string): string => join(dataDir, CREDENTIALS_FILE_NAME);

/**
 * Writes the file readable by the owner only (0600), atomically: a temporary file created 0600
 * is renamed over the old one, so the secret is never in a wider-readable file, not even briefly.
 * Returns false (and writes nothing) when the file already holds exactly this content.
 */
export function writeCredentialsFile(dataDir: string, credentials: CredentialsFile): boolean {
  const file = credentialsPath(dataDir);
  const content = JSON.stringify(credentials, null, 2) + "\n";
  let previous: string | undefined;
  try {
    previous = readFileSync(file, "utf8");
  } catch {
    previous = undefined;
  }
  if (previous === content) {
    chmodSync(file, 0o600);
    return false;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask cannot widen it, but an existing temp file could be wider
  renameSync(temporary, file);
  return true;
}

/** The file's content when it exists and parses; undefined otherwise. */
export function readCredentialsFile(dataDir: string): CredentialsFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(credentialsPath(dataDir), "utf8")) as Partial<CredentialsFile>;
    if (typeof parsed.accessKeyId === "string" && typeof parsed.accessKeySecret === "string") {
      return {
        accessKeyId: parsed.accessKeyId,
        accessKeySecret: parsed.accessKeySecret,
        accountId: String(parsed.accountId ?? ""),
        endpoint: String(parsed.endpoint ?? ""),
      };
    }
  } catch {
    // Missing or unreadable: the caller decides.
  }
  return undefined;
}
