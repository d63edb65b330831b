import { test } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { createLogger, redactUrl } from "../../src/server/logger.ts";

test("redactUrl blanks signature and token parameters and keeps the rest", () => {
  assert.equal(
    redactUrl("/?Action=GetService&Signature=abc%2B%3D&AccessKeyId=LTAI1&SecurityToken=tok"),
    "/?Action=GetService&Signature=[Redacted]&AccessKeyId=LTAI1&SecurityToken=[Redacted]",
  );
  assert.equal(redactUrl("/nestbox/v1/keys"), "/nestbox/v1/keys");
  assert.equal(redactUrl("/?signature=x&%53ignature=y"), "/?signature=[Redacted]&%53ignature=[Redacted]");
});

test("the logger never writes secrets or Authorization headers", () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = createLogger("info", sink);
  log.info({ accessKeySecret: "S3CRET-1", key: { secret: "S3CRET-2" }, headers: { authorization: "ACS3 S3CRET-3" } }, "Created key");
  log.info({ req: { method: "GET", url: "/?Signature=S3CRET-4&Action=X", headers: { authorization: "S3CRET-5" } } }, "req");
  const text = lines.join("");
  assert.match(text, /Created key/);
  assert.match(text, /Action=X/);
  for (const secret of ["S3CRET-1", "S3CRET-2", "S3CRET-3", "S3CRET-4", "S3CRET-5"]) assert.ok(!text.includes(secret), secret);
});
