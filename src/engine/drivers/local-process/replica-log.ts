import { closeSync, copyFileSync, openSync, readSync, statSync, truncateSync } from "node:fs";
import { join } from "node:path";

/** Output of replica `index` (stdout and stderr, appended by the replica itself). */
export const replicaLogPath = (dir: string, index: number): string => join(dir, `replica-${index}.log`);

const MAX_CHECKPOINTS = 4096;

/**
 * When each part of a log file was written. Replicas write to their file directly (so they do
 * not depend on nestbox staying up), so lines carry no time; the supervisor records the file size
 * on each pass, and a line's time is the first pass that saw it. Kept in memory only.
 */
export class LogTimeline {
  private checkpoints: { at: number; size: number }[] = [];

  /** Records the size seen at `at`; a smaller size (truncated, rotated) starts over. */
  observe(size: number, at: number): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && size === last.size) return;
    if (last && size < last.size) this.checkpoints = [];
    this.checkpoints.push({ at, size });
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      // Keep every other old checkpoint: coarser times for old lines, bounded memory.
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 1 || i >= MAX_CHECKPOINTS / 2);
    }
  }

  /** When the byte just before `endOffset` was first seen; `now` when not seen yet. */
  timeOf(endOffset: number, now: number): number {
    let lo = 0;
    let hi = this.checkpoints.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.checkpoints[mid]!.size >= endOffset) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.checkpoints.length ? this.checkpoints[lo]!.at : now;
  }
}

export const fileSize = (path: string): number | undefined => {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
};

/**
 * Keeps a log under `maxBytes`: copies it to `<file>.1` (replacing the previous copy) and
 * truncates it. Replicas open their log with O_APPEND, so they keep writing at the new end.
 */
export function rotateIfLarger(path: string, maxBytes: number): boolean {
  const size = fileSize(path);
  if (size === undefined || size <= maxBytes) return false;
  copyFileSync(path, `${path}.1`);
  truncateSync(path, 0);
  return true;
}

export interface TimedLine {
  readonly at: number;
  readonly text: string;
}

/**
 * The complete lines of a log file (at most its last `maxBytes`), each with its time from the
 * timeline. A final line without a newline is included: a crashed replica may leave one.
 */
export function readTimedLines(path: string, timeline: LogTimeline | undefined, now: number, maxBytes: number): TimedLine[] {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return [];
  }
  try {
    const size = statSync(path).size;
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    const lines: TimedLine[] = [];
    let lineStart = 0;
    if (start > 0) lineStart = buffer.indexOf(10) + 1; // drop the partial first line
    for (let i = lineStart; i < read; i++) {
      if (buffer[i] !== 10) continue;
      lines.push({ at: timeline ? timeline.timeOf(start + i + 1, now) : now, text: buffer.toString("utf8", lineStart, i) });
      lineStart = i + 1;
    }
    if (lineStart < read) lines.push({ at: timeline ? timeline.timeOf(start + read, now) : now, text: buffer.toString("utf8", lineStart, read) });
    return lines;
  } finally {
    closeSync(fd);
  }
}

/** The last lines of a replica's output, shortened, for error messages. */
export function logTail(path: string, lines = 10, maxChars = 1500): string {
  const all = readTimedLines(path, undefined, 0, 16 * 1024).map((l) => (l.text.length > 300 ? l.text.slice(0, 300) + "…" : l.text));
  const text = all.slice(-lines).join("\n");
  return text.length > maxChars ? "…" + text.slice(-maxChars) : text;
}
