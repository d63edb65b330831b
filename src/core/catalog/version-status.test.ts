import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../shared/domain-error.ts";
import { VERSION_STATUSES, VERSION_TRANSITIONS, versionTransition } from "./version-status.ts";

test("every transition names only known statuses", () => {
  for (const [op, t] of Object.entries(VERSION_TRANSITIONS)) {
    for (const s of [...t.from, t.to]) assert.ok((VERSION_STATUSES as readonly string[]).includes(s), `${op}: ${s}`);
  }
});

test("the publishing path Submitted -> Approved -> Online -> Offline -> Online", () => {
  assert.equal(versionTransition("Approve", "Submitted", "1"), "Approved");
  assert.equal(versionTransition("Launch", "Approved", "1"), "Online");
  assert.equal(versionTransition("Withdraw", "Online", "1"), "Offline");
  assert.equal(versionTransition("Launch", "Offline", "1"), "Online");
});

test("an Online version cannot be deleted and a Submitted one cannot be launched, with a stable code", () => {
  const refused = (e: unknown) => e instanceof DomainError && e.kind === "FailedPrecondition" && e.code === "SERVICE_STATUS_INVALID";
  assert.throws(() => versionTransition("Delete", "Online", "1"), refused);
  assert.throws(() => versionTransition("Launch", "Submitted", "1"), refused);
  assert.throws(() => versionTransition("Launch", "Draft", "draft"), refused);
  assert.throws(() => versionTransition("Approve", "Approved", "1"), refused);
  assert.equal(versionTransition("Delete", "Draft", "draft"), "Deleted");
});
