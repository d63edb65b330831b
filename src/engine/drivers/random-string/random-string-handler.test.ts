import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Cipher } from "../../../core/shared/cipher.ts";
import { systemClock } from "../../../core/shared/clock.ts";
import { DriverError } from "../driver-error.ts";
import { RandomStringHandler } from "./random-string-handler.ts";
import { SYMBOLS } from "./random-string-spec.ts";

/** Reversible and recognisable; what matters here is that the handler seals before writing. */
const cipher = (tag: string): Cipher => ({
  seal: (s) => `${tag}:${Buffer.from(s).toString("base64")}`,
  open: (s) => {
    if (!s.startsWith(`${tag}:`)) throw new Error("sealed under another key");
    return Buffer.from(s.slice(tag.length + 1), "base64").toString();
  },
});

const withHandler = async (fn: (dataDir: string, h: (tag?: string) => RandomStringHandler) => Promise<void>) => {
  const dataDir = mkdtempSync(join(tmpdir(), "nestbox-random-"));
  try {
    await fn(dataDir, (tag = "k1") => new RandomStringHandler({ dataDir, cipher: cipher(tag), clock: systemClock }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

test("the value survives a new handler on the same data dir and is stored sealed", () =>
  withHandler(async (dataDir, handler) => {
    const resource = { key: "si-1.Password", type: "Nestbox::Random::String", properties: {} };
    const value = (await handler().apply(resource)).attributes["Value"] as string;
    assert.match(value, /^[A-Za-z0-9]{16}$/);
    assert.equal((await handler().apply(resource)).attributes["Value"], value);
    const file = readFileSync(join(dataDir, "random-strings", "si-1.Password.json"), "utf8");
    assert.ok(!file.includes(value), "no plaintext on disk");
  }));

test("a changed spec generates a new value; concurrent applies of one key agree", () =>
  withHandler(async (_dataDir, handler) => {
    const h = handler();
    const key = "si-1.Token";
    const values = await Promise.all(Array.from({ length: 5 }, () => h.apply({ key, type: h.type, properties: { Length: 40 } })));
    assert.equal(new Set(values.map((v) => v.attributes["Value"])).size, 1);
    const symbols = (await h.apply({ key, type: h.type, properties: { Length: 200, Symbols: true } })).attributes["Value"] as string;
    assert.equal(symbols.length, 200);
    assert.ok([...symbols].every((c) => /[A-Za-z0-9]/.test(c) || SYMBOLS.includes(c)));
    const custom = (await h.apply({ key, type: h.type, properties: { Length: 50, Characters: "ab" } })).attributes["Value"] as string;
    assert.match(custom, /^[ab]{50}$/);
  }));

test("a value sealed under another master key is a terminal SECRET_UNREADABLE", () =>
  withHandler(async (_dataDir, handler) => {
    const resource = { key: "si-1.Password", type: "Nestbox::Random::String", properties: {} };
    await handler("k1").apply(resource);
    await assert.rejects(handler("k2").apply(resource), (e: unknown) => e instanceof DriverError && e.code === "SECRET_UNREADABLE" && !e.retryable);
  }));

test("Characters cannot be combined with Charset, and needs two distinct characters", () =>
  withHandler(async (_dataDir, handler) => {
    const h = handler();
    for (const properties of [{ Characters: "abc", Charset: "Hex" }, { Characters: "aaaa" }, { Length: 5000 }]) {
      await assert.rejects(h.apply({ key: "k", type: h.type, properties }), (e: unknown) => e instanceof DriverError && e.code === "INVALID_PROPERTIES");
    }
  }));
