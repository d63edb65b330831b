import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogTimeline, logTail, readTimedLines, rotateIfLarger } from "./replica-log.ts";

const withDir = (fn: (dir: string) => void) => {
  const dir = mkdtempSync(join(tmpdir(), "nestbox-log-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test("a line's time is the first pass that saw the file reach its end", () => {
  const t = new LogTimeline();
  t.observe(10, 1_000);
  t.observe(10, 2_000); // no growth: no checkpoint
  t.observe(25, 3_000);
  assert.equal(t.timeOf(5, 9_999), 1_000);
  assert.equal(t.timeOf(10, 9_999), 1_000);
  assert.equal(t.timeOf(11, 9_999), 3_000);
  assert.equal(t.timeOf(30, 9_999), 9_999, "not seen yet: now");
  t.observe(4, 4_000); // truncated: starts over
  assert.equal(t.timeOf(3, 9_999), 4_000);
});

test("readTimedLines returns complete lines, the unterminated last one, and only the last maxBytes", () => {
  withDir((dir) => {
    const file = join(dir, "replica-0.log");
    writeFileSync(file, "first\nsecond\nthird without newline");
    const t = new LogTimeline();
    t.observe(6, 100);
    t.observe(13, 200);
    assert.deepEqual(readTimedLines(file, t, 300, 1_000), [
      { at: 100, text: "first" },
      { at: 200, text: "second" },
      { at: 300, text: "third without newline" },
    ]);
    assert.deepEqual(
      readTimedLines(file, t, 300, 25).map((l) => l.text),
      ["third without newline"],
      "the cut first line is dropped",
    );
    assert.deepEqual(readTimedLines(join(dir, "missing.log"), t, 0, 10), []);
  });
});

test("rotateIfLarger copies a large log to .1 and truncates it, so the writer continues at the start", () => {
  withDir((dir) => {
    const file = join(dir, "replica-0.log");
    writeFileSync(file, "x".repeat(100));
    assert.equal(rotateIfLarger(file, 200), false);
    appendFileSync(file, "y".repeat(150));
    assert.equal(rotateIfLarger(file, 200), true);
    assert.equal(readFileSync(file, "utf8"), "");
    assert.equal(readFileSync(`${file}.1`, "utf8").length, 250);
    assert.equal(existsSync(`${file}.1`), true);
  });
});

test("logTail keeps the last lines for error messages", () => {
  withDir((dir) => {
    const file = join(dir, "replica-0.log");
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n");
    assert.equal(logTail(file, 2), "line 28\nline 29");
    assert.equal(logTail(join(dir, "none.log")), "");
  });
});
