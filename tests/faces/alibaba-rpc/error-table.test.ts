import { test } from "node:test";
import assert from "node:assert/strict";
import { CORE_CODE_ERRORS, DOMAIN_CODE_ERRORS, KIND_ERRORS, PROTOCOL_ERRORS } from "../../../src/faces/alibaba-rpc/errors.ts";
import { ACCOUNT_ERRORS } from "../../../src/core/accounts/account-errors.ts";
import { CatalogErrorCodes } from "../../../src/core/catalog/catalog-errors.ts";
import { InstanceErrorCodes } from "../../../src/core/instances/instance-errors.ts";

const entries = [...Object.values(PROTOCOL_ERRORS), ...Object.values(DOMAIN_CODE_ERRORS), ...Object.values(KIND_ERRORS)];

test("every entry has a code and an error status", () => {
  for (const e of entries) {
    assert.match(e.code, /^[A-Za-z.]+$/);
    assert.ok(e.status >= 400 && e.status < 600, e.code);
  }
});

test("every domain code the core exports has its own row (no silent kind fallback)", () => {
  const codes = [...Object.values(ACCOUNT_ERRORS), ...Object.values(CatalogErrorCodes), ...Object.values(InstanceErrorCodes)];
  const missing = codes.filter((c) => !(c in DOMAIN_CODE_ERRORS));
  assert.deepEqual(missing, []);
});

test("the table's size is pinned: a new row is a deliberate change", () => {
  assert.equal(Object.keys(PROTOCOL_ERRORS).length, 18);
  assert.equal(Object.keys(KIND_ERRORS).length, 10);
  assert.equal(Object.keys(CORE_CODE_ERRORS).length, 52);
});
