import { test } from "node:test";
import assert from "node:assert/strict";
import { planRollout } from "./rollout-plan.ts";

const refs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, version: prefix }));

/** Replays the rounds, checking the availability and surge bounds after every removal and start. */
function check(old: number, fresh: number, maxSurge: number, maxUnavailable: number) {
  const rounds = planRollout(refs("a", old), refs("b", fresh), { type: "RollingUpdate", maxSurge, maxUnavailable });
  let serving = old;
  let existing = old;
  for (const r of rounds) {
    serving -= r.down.length;
    existing -= r.down.length;
    assert.ok(serving >= Math.min(old, fresh - maxUnavailable), `serving ${serving} after removing ${r.down.length}`);
    existing += r.up.length;
    assert.ok(existing <= Math.max(old, fresh + maxSurge), `existing ${existing}`);
    serving += r.up.length;
  }
  assert.equal(rounds.flatMap((r) => r.down).length, old);
  assert.equal(rounds.flatMap((r) => r.up).length, fresh);
  return rounds;
}

test("maxSurge 0, maxUnavailable 1 replaces one replica at a time, down first", () => {
  const rounds = check(4, 4, 0, 1);
  assert.equal(rounds.length, 4);
  assert.deepEqual(rounds.map((r) => [r.down.length, r.up.length]), [[1, 1], [1, 1], [1, 1], [1, 1]]);
});

test("maxSurge 1, maxUnavailable 0 starts one new replica before removing an old one", () => {
  const rounds = check(3, 3, 1, 0);
  assert.deepEqual(rounds[0], { down: [], up: [{ key: "b-0", version: "b" }] });
});

test("larger bounds and different counts stay within the bounds", () => {
  for (const [o, f, s, u] of [[4, 4, 2, 1], [2, 5, 1, 1], [5, 2, 0, 2], [0, 3, 0, 1], [3, 0, 0, 1], [4, 4, 0, 4]] as const) check(o, f, s, u);
});

test("Recreate removes everything, then starts everything", () => {
  assert.deepEqual(planRollout(refs("a", 2), refs("b", 2), { type: "Recreate", maxSurge: 0, maxUnavailable: 1 }).map((r) => [r.down.length, r.up.length]), [[2, 0], [0, 2]]);
});
