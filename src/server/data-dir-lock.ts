import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export const LOCK_FILE_NAME = "nestbox.lock";

/** What the lock file holds, so an operator can see who owns the data directory. */
export interface LockOwner {
  readonly pid: number;
  readonly startedAt: string;
}

/** Another live process owns the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory is in use by nestbox process ${owner.pid} (started ${owner.startedAt}); ` +
        `lock file ${lockFile}. Stop that process or choose another NESTBOX_DATA_DIR.`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if this process still owns it. Safe to call twice. */
  release(): void;
}

/**
 * Takes `<dataDir>/nestbox.lock` with an exclusive create. A lock whose pid is no longer alive
 * (a crash, kill -9) is stale and taken over; a live owner, this process included, makes it throw
 * DataDirLockedError. The data directory must exist.
 */
export function acquireDataDirLock(dataDir: string, now: Date = new Date()): DataDirLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = { pid: process.pid, startedAt: now.toISOString() };
  const content = JSON.stringify(owner) + "\n";

  // Two attempts: the second follows removing a stale lock. If another process wins that race,
  // the second attempt sees its live pid and reports it.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, "wx", 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const existing = readOwner(file);
      if (existing && isAlive(existing.pid)) throw new DataDirLockedError(file, existing);
      removeIfUnchanged(file, existing);
      continue;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        const current = readOwner(file);
        if (current?.pid === owner.pid && current.startedAt === owner.startedAt) unlinkQuietly(file);
      },
    };
  }
  const existing = readOwner(file);
  throw new DataDirLockedError(file, existing ?? { pid: 0, startedAt: "unknown" });
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && Number.isInteger(parsed.pid) && parsed.pid > 0) {
      return { pid: parsed.pid, startedAt: String(parsed.startedAt ?? "unknown") };
    }
  } catch {
    // Missing, half-written or garbage: treated as stale below.
  }
  return undefined;
}

/** Signal 0 checks existence; EPERM means the process exists but belongs to someone else. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeIfUnchanged(file: string, seen: LockOwner | undefined): void {
  const now = readOwner(file);
  if (now?.pid === seen?.pid && now?.startedAt === seen?.startedAt) unlinkQuietly(file);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}
