import { test } from "node:test";
import assert from "node:assert/strict";
import { IAM_ERRORS } from "../../src/core/iam/iam-errors.ts";
import { DOMAIN_CODE_ERRORS } from "../../src/faces/alibaba-rpc/errors.ts";
import { IAM_CODE_ERRORS } from "../../src/faces/alibaba-rpc/iam-errors.ts";

test("every access-control code has RAM's or STS's own row in the Alibaba table", () => {
  const missing = Object.values(IAM_ERRORS).filter((c) => !(c in DOMAIN_CODE_ERRORS));
  assert.deepEqual(missing, []);
  assert.equal(Object.keys(IAM_CODE_ERRORS).length, Object.keys(IAM_ERRORS).length);
  for (const [code, entry] of Object.entries(IAM_CODE_ERRORS)) {
    assert.match(entry.code, /^[A-Za-z.]+$/, code);
    if (code.endsWith("_NOT_FOUND")) assert.equal(entry.status, 404, code);
  }
});
