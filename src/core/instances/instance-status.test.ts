import { test } from "node:test";
import assert from "node:assert/strict";
import { beginTransition, INSTANCE_STATUSES, INSTANCE_TRANSITIONS } from "./instance-status.ts";
import { DomainError } from "../shared/domain-error.ts";

test("every transition names only known statuses", () => {
  for (const [op, t] of Object.entries(INSTANCE_TRANSITIONS)) {
    for (const s of [...t.from, t.during, t.success, t.failure]) {
      assert.ok((INSTANCE_STATUSES as readonly string[]).includes(s), `${op}: ${s}`);
    }
  }
});

test("stop is allowed from Deployed and refused while Deploying with a stable code", () => {
  assert.equal(beginTransition("Stop", "Deployed").during, "Stopping");
  assert.throws(
    () => beginTransition("Stop", "Deploying"),
    (e: unknown) => e instanceof DomainError && e.code === "INSTANCE_STATUS_INVALID" && e.kind === "FailedPrecondition",
  );
});

test("delete is refused while an operation is in progress", () => {
  for (const s of ["Deploying", "Upgrading", "Deleting", "Stopping", "Starting"] as const) {
    assert.throws(() => beginTransition("Delete", s));
  }
  assert.equal(beginTransition("Delete", "DeployedFailed").success, "Deleted");
});
