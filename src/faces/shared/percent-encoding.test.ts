import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeComponent, parsePairs, pct } from "./percent-encoding.ts";

// The reference forms of CLIENTS.md 5: encodeURIComponent plus ! ' ( ) *, and '+' as a space.
const referencePct = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
const referenceDecode = (v: string) => decodeURIComponent(v.replace(/\+/g, " "));

const SAMPLES = ["", "cn-hangzhou", "service-0123abc", "a.b_c~d", "a b", "a+b", "x*y", "it's", "(1)", "100%", "%41", "中文", "a/b?c=d&e", "é~"];

test("pct matches the reference encoding, with or without characters to escape", () => {
  for (const s of SAMPLES) assert.equal(pct(s), referencePct(s), JSON.stringify(s));
  assert.equal(pct("x*y!"), "x%2Ay%21");
});

test("decodeComponent matches the reference decoding and refuses a malformed escape", () => {
  for (const s of SAMPLES.map(referencePct).concat(["a+b", "plain-value", "%E4%B8%AD"])) {
    assert.equal(decodeComponent(s), referenceDecode(s), JSON.stringify(s));
  }
  assert.equal(decodeComponent("%E4%B8"), undefined);
  assert.equal(decodeComponent("%zz"), undefined);
});

test("parsePairs keeps order and decodes names and values", () => {
  assert.deepEqual(parsePairs("b=2&a=x+y&c=%2A&d"), [["b", "2"], ["a", "x y"], ["c", "*"], ["d", ""]]);
  assert.equal(parsePairs("a=%"), undefined);
});
