#!/usr/bin/env node
// Runs every *.test.ts under the given folders (default: src and tests) with Node's test runner,
// TypeScript loaded through tsx. Node 20's --test does not expand globs, so we list files here.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";

const roots = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const flags = process.argv.slice(2).filter((a) => a.startsWith("-"));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".test.ts")) files.push(path);
  }
};
for (const root of roots.length ? roots : ["src", "tests"]) {
  if (statSync(root, { throwIfNoEntry: false })?.isFile()) files.push(root);
  else if (statSync(root, { throwIfNoEntry: false })) walk(root);
}
files.sort();
if (files.length === 0) {
  console.error("No test files found.");
  process.exit(1);
}
// --test-force-exit: a file whose tests are done ends even if a handle it forgot keeps the loop
// alive. The deadline turns a hung run into a failure with a message instead of a silent wait.
const deadlineMinutes = Number(process.env.NESTBOX_TEST_DEADLINE_MINUTES ?? 40);
const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-force-exit", "--test-timeout=600000", "--test-reporter=spec", ...flags, ...files],
  { stdio: "inherit", detached: true, env: { ...process.env, NESTBOX_LOG_LEVEL: process.env.NESTBOX_LOG_LEVEL ?? "silent" } },
);
const killAll = (signal) => {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
};
const deadline = setTimeout(() => {
  console.error(`\nThe test run did not finish within ${deadlineMinutes} minutes; stopping it (NESTBOX_TEST_DEADLINE_MINUTES).`);
  killAll("SIGKILL");
  process.exit(1);
}, deadlineMinutes * 60_000);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => killAll(signal));
child.on("exit", (code, signal) => {
  clearTimeout(deadline);
  process.exit(code ?? (signal ? 1 : 0));
});
