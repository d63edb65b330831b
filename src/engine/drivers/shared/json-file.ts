import { open, readFile, rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";

/** Reads and parses a JSON file; `undefined` when it does not exist. Throws on unreadable JSON. */
export async function readJsonFile<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return JSON.parse(text) as T;
}

/**
 * Writes JSON so readers see the old or the new content, never a torn file: write a temporary
 * file next to it, flush it to disk, rename it over the target (atomic on POSIX file systems).
 */
export async function writeJsonFileAtomic(path: string, value: unknown, mode = 0o600): Promise<void> {
  const tmp = `${path}.tmp-${randomBytes(4).toString("hex")}`;
  const handle = await open(tmp, "w", mode);
  try {
    await handle.writeFile(JSON.stringify(value, null, 2) + "\n", "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
