import { test } from "node:test";
import assert from "node:assert/strict";
import { DomainError } from "../shared/domain-error.ts";
import { chooseDefaultVersion, pageRequest, requestHash } from "./catalog-support.ts";
import type { ServiceVersion } from "./service-version.ts";

const v = (version: string, status: ServiceVersion["status"]) =>
  ({ version, seq: version === "draft" ? 0 : Number(version), status }) as ServiceVersion;

test("the default stays while it is Online, or while nothing is Online", () => {
  assert.equal(chooseDefaultVersion("1", [v("draft", "Draft"), v("1", "Online"), v("2", "Online")]), "1");
  assert.equal(chooseDefaultVersion("draft", [v("draft", "Draft"), v("1", "Approved")]), "draft");
});

test("otherwise the newest Online version, else the newest numbered, else the draft", () => {
  assert.equal(chooseDefaultVersion("1", [v("draft", "Draft"), v("1", "Offline"), v("2", "Online"), v("3", "Online")]), "3");
  assert.equal(chooseDefaultVersion("3", [v("draft", "Draft"), v("1", "Offline"), v("3", "Deleted")]), "1");
  assert.equal(chooseDefaultVersion("1", [v("draft", "Draft"), v("1", "Deleted")]), "draft");
  assert.equal(chooseDefaultVersion("draft", [v("draft", "Deleted")]), undefined);
});

test("paging input: MaxResults defaults to 20 and must be 1..100", () => {
  assert.deepEqual(pageRequest(undefined, ""), { maxResults: 20, nextToken: undefined });
  assert.throws(() => pageRequest(101, undefined), (e: unknown) => e instanceof DomainError && e.details.parameter === "MaxResults");
  assert.throws(() => pageRequest(0, undefined), DomainError);
});

test("request hashes ignore key order and undefined fields", () => {
  assert.equal(requestHash({ a: 1, b: [1, { c: 2 }] }), requestHash({ b: [1, { c: 2 }], a: 1, d: undefined }));
  assert.notEqual(requestHash({ a: 1 }), requestHash({ a: 2 }));
});
