import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError, type DomainErrorKind } from "../../core/shared/domain-error.ts";
import { NATIVE_ERRORS, NativeError, STATUS_BY_KIND, toNativeError } from "./native-errors.ts";

const KINDS: DomainErrorKind[] = [
  "NotFound",
  "AlreadyExists",
  "Conflict",
  "InvalidArgument",
  "FailedPrecondition",
  "PermissionDenied",
  "Unauthenticated",
  "Throttled",
  "Unavailable",
  "Internal",
];

test("every domain error kind has an HTTP status", () => {
  assert.deepEqual(Object.keys(STATUS_BY_KIND).sort(), [...KINDS].sort());
  for (const status of Object.values(STATUS_BY_KIND)) assert.ok(status >= 400 && status < 600);
});

test("the native protocol error table is pinned and complete", () => {
  assert.equal(Object.keys(NATIVE_ERRORS).length, 7);
  for (const [code, entry] of Object.entries(NATIVE_ERRORS)) {
    assert.match(code, /^[A-Z][A-Z_]+$/);
    assert.ok(entry.status >= 400 && entry.status < 600, code);
    assert.ok(entry.message.length > 0, code);
  }
});

test("a domain error keeps its code and message and gets its kind's status", () => {
  const mapped = toNativeError(new DomainError("NotFound", "ACCESS_KEY_NOT_FOUND", "Access key X does not exist."), "RID");
  assert.deepEqual(mapped, {
    status: 404,
    body: { code: "ACCESS_KEY_NOT_FOUND", message: "Access key X does not exist.", requestId: "RID" },
    unexpected: false,
  });
});

test("internal and unknown errors hide their message", () => {
  const internal = toNativeError(new DomainError("Internal", "BROKEN", "db password is hunter2"), "RID");
  assert.equal(internal.status, 500);
  assert.ok(!internal.body.message.includes("hunter2"));
  assert.equal(internal.unexpected, true);
  const unknown = toNativeError(new TypeError("x is undefined at secret place"), "RID");
  assert.deepEqual(unknown.body, { code: "INTERNAL_ERROR", message: NATIVE_ERRORS.INTERNAL_ERROR.message, requestId: "RID" });
});

test("framework errors map to the native codes", () => {
  assert.equal(toNativeError({ validation: [{}], message: "body/name must be string" }, "R").body.code, "INVALID_ARGUMENT");
  assert.equal(toNativeError({ code: "FST_ERR_CTP_BODY_TOO_LARGE", statusCode: 413 }, "R").status, 413);
  assert.equal(toNativeError(new NativeError("INVALID_JSON"), "R").status, 400);
});
