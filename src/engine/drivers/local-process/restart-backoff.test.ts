import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_BACKOFF, restartDelayMs } from "./restart-backoff.ts";

test("restart delays double from 1 s and stop at 30 s", () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 50].map((n) => restartDelayMs(DEFAULT_BACKOFF, n)),
    [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000],
  );
});
