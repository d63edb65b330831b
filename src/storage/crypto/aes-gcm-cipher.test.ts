import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { AesGcmCipher, SealedSecretError, masterKeyId } from "./aes-gcm-cipher.ts";

const key = randomBytes(32);

test("open returns what seal was given, including unicode and the empty string", () => {
  const cipher = new AesGcmCipher(key);
  for (const plain of ["s3cr3t", "", "密钥 ✓", "x".repeat(10_000)]) assert.equal(cipher.open(cipher.seal(plain)), plain);
});

test("sealing twice gives different text (fresh IV) that never contains the plaintext", () => {
  const cipher = new AesGcmCipher(key);
  const a = cipher.seal("AccessKeySecretValue");
  const b = cipher.seal("AccessKeySecretValue");
  assert.notEqual(a, b);
  assert.ok(!a.includes("AccessKeySecretValue"));
  assert.match(a, /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
});

test("a value sealed under another key is refused with a message naming the master key", () => {
  const sealed = new AesGcmCipher(randomBytes(32)).seal("secret");
  assert.throws(() => new AesGcmCipher(key).open(sealed), (e: unknown) => {
    assert.ok(e instanceof SealedSecretError);
    assert.match(e.message, /master key/);
    return true;
  });
});

test("a tampered value fails authentication", () => {
  const cipher = new AesGcmCipher(key);
  const [v, id, data] = cipher.seal("secret").split(".") as [string, string, string];
  const raw = Buffer.from(data, "base64url");
  raw[raw.length - 20]! ^= 0x01;
  assert.throws(() => cipher.open(`${v}.${id}.${raw.toString("base64url")}`), /altered or is corrupt/);
});

test("unknown formats and truncated values are refused", () => {
  const cipher = new AesGcmCipher(key);
  assert.throws(() => cipher.open("plain-text"), SealedSecretError);
  assert.throws(() => cipher.open(`v2.${cipher.keyId}.AAAA`), /unknown format/);
  assert.throws(() => cipher.open(`v1.${cipher.keyId}.AAAA`), /truncated/);
});

test("the key must be 32 bytes", () => {
  assert.throws(() => new AesGcmCipher(randomBytes(16)), RangeError);
});

test("the key id is stable per key and differs between keys", () => {
  assert.equal(masterKeyId(key), new AesGcmCipher(key).keyId);
  assert.notEqual(masterKeyId(key), masterKeyId(randomBytes(32)));
});
