import { test } from "node:test";
import assert from "node:assert/strict";
import { MarketErrorCodes } from "../../src/core/market/market-errors.ts";
import { DOMAIN_CODE_ERRORS } from "../../src/faces/alibaba-rpc/errors.ts";
import { MARKET_CODE_ERRORS } from "../../src/faces/alibaba-rpc/market-errors.ts";
import { MARKET_STATUSES, nextStatus } from "../../src/core/market/market-status.ts";

test("every Marketplace code has its own row in the Alibaba table; the count is pinned", () => {
  const missing = Object.values(MarketErrorCodes).filter((c) => !(c in DOMAIN_CODE_ERRORS));
  assert.deepEqual(missing, []);
  assert.equal(Object.keys(MARKET_CODE_ERRORS).length, 19);
  for (const e of Object.values(MARKET_CODE_ERRORS)) {
    assert.match(e.code, /^[A-Za-z.]+$/);
    assert.ok(e.status >= 400 && e.status < 600);
  }
});

test("each product type moves only through its own status set (seed)", () => {
  assert.deepEqual(MARKET_STATUSES.SERVICE, ["READYING", "STARTED", "CONFIRM", "EXPIRED", "CLOSED"]);
  assert.equal(nextStatus("SERVICE", "READYING", "delivered"), "STARTED");
  assert.equal(nextStatus("APP", "OPENING", "delivered"), "OPENED");
  assert.equal(nextStatus("DOCKER", "OPENED", "expire"), "EXPIRED");
  assert.equal(nextStatus("MIRROR", "PRODUCE", "delivered"), "UNUSED");
  assert.equal(nextStatus("MIRROR", "EXPIRED", "renew"), "USING");
  assert.equal(nextStatus("SERVICE", "EXPIRED", "renew"), "STARTED");
  assert.equal(nextStatus("SERVICE", "CLOSED", "renew"), undefined);
  assert.equal(nextStatus("APP", "OPENED", "close"), undefined, "only an EXPIRED instance closes");
  for (const [family, statuses] of Object.entries(MARKET_STATUSES)) {
    const type = family === "APP" ? "API_SERVICE" : (family as "SERVICE" | "MIRROR");
    for (const from of statuses) {
      for (const event of ["delivered", "use", "confirm", "expire", "renew", "close"] as const) {
        const to = nextStatus(type, from, event);
        if (to) assert.ok((statuses as readonly string[]).includes(to), `${family} ${from} -${event}-> ${to}`);
      }
    }
  }
});
