#!/usr/bin/env node
// Runs every *.test.ts under the given folders (default: src and tests) with Node's test runner,
// TypeScript loaded through tsx. Node 20's --test does not expand globs, so we list files here.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

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
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...flags, ...files],
  { stdio: "inherit", env: { ...process.env, NESTBOX_LOG_LEVEL: process.env.NESTBOX_LOG_LEVEL ?? "silent" } },
);
process.exit(result.status ?? 1);
