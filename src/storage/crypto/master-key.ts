import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

export const MASTER_KEY_FILE_NAME = "master.key";
/** The embedded database's file name; its presence means secrets were already sealed here. */
const STORE_FILE_NAME = "nestbox.db";
const KEY_BYTES = 32;

/** The master key is missing, malformed or contradicts the one already in use; the message says how to fix it. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MasterKeyError";
  }
}

/**
 * Reads a 32-byte key written as base64 (standard or url-safe) or as 64 hex characters.
 * `source` names where it came from, for the error message (never the value itself).
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, "base64");
  if (key === undefined || key.length !== KEY_BYTES) {
    throw new MasterKeyError(
      `${source} must be a ${KEY_BYTES}-byte key written as base64 or as 64 hex characters ` +
        `(for example the output of: openssl rand -base64 32).`,
    );
  }
  return key;
}

/**
 * The master key that seals secrets at rest.
 *
 * - `envKey` (NESTBOX_MASTER_KEY) wins. If `<dataDir>/master.key` also exists and holds a
 *   different key, this throws: the store here was sealed with the file's key.
 * - Otherwise `<dataDir>/master.key` is read (its mode tightened to 0600 if wider).
 * - Otherwise a new random key is written there, mode 0600, created atomically so two processes
 *   starting at once agree on one key — unless the data directory already holds an embedded
 *   store (`nestbox.db`), whose secrets a new key could never open: that throws instead.
 *
 * A store on PostgreSQL shared by several processes needs the same key in each, so set
 * NESTBOX_MASTER_KEY there; a mismatch is reported when a sealed secret is first opened.
 */
export function loadOrCreateMasterKey(dataDir: string, envKey?: string): Buffer {
  const file = join(dataDir, MASTER_KEY_FILE_NAME);
  const fromFile = existsSync(file) ? readKeyFile(file) : undefined;

  if (envKey !== undefined && envKey.trim() !== "") {
    const key = parseMasterKey(envKey, "NESTBOX_MASTER_KEY");
    if (fromFile !== undefined && !fromFile.equals(key)) {
      throw new MasterKeyError(
        `NESTBOX_MASTER_KEY differs from the master key in ${file}, which sealed the secrets of this data ` +
          `directory. Set NESTBOX_MASTER_KEY to that key, or unset it to use the file.`,
      );
    }
    return key;
  }
  if (fromFile !== undefined) return fromFile;

  const store = join(dataDir, STORE_FILE_NAME);
  if (existsSync(store)) {
    throw new MasterKeyError(
      `${store} exists but its master key ${file} is missing; a new key could not open its secrets. ` +
        `Restore ${MASTER_KEY_FILE_NAME} or set NESTBOX_MASTER_KEY to the original key.`,
    );
  }
  return createKeyFile(dataDir, file);
}

function readKeyFile(file: string): Buffer {
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return parseMasterKey(readFileSync(file, "utf8"), file);
}

/**
 * Writes the complete key to a private temporary file, then hard-links it into place: the link
 * fails if another process got there first, in which case its key is the one to use.
 */
function createKeyFile(dataDir: string, file: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return readKeyFile(file);
  } finally {
    unlinkSync(temporary);
  }
}
