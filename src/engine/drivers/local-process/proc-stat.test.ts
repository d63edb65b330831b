import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { isSameProcessAlive, parseProcStat, processStartTime } from "./proc-stat.ts";

test("parseProcStat reads state, process group and start time, whatever the command name holds", () => {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  fields[0] = "S"; // field 3
  fields[2] = "4242"; // field 5, pgrp
  fields[19] = "987654"; // field 22, starttime
  const line = `123 (weird ) name (x)) ${fields.join(" ")}\n`;
  assert.deepEqual(parseProcStat(line), { state: "S", pgrp: 4242, startTime: "987654" });
  assert.equal(parseProcStat("garbage"), undefined);
});

test("isSameProcessAlive tells a live process from a recycled pid or a dead one", { skip: processStartTime(process.pid) === undefined ? "skipped: no /proc on this OS" : false }, () => {
  const start = processStartTime(process.pid)!;
  assert.equal(isSameProcessAlive(process.pid, start), true);
  assert.equal(isSameProcessAlive(process.pid, undefined), true);
  assert.equal(isSameProcessAlive(process.pid, String(Number(start) + 1)), false, "same pid, another start time");
  const exited = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  assert.equal(isSameProcessAlive(Number(exited.stdout.trim()), undefined), false);
});
