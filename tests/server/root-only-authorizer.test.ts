import { test } from "node:test";
import assert from "node:assert/strict";
import type { Principal } from "../../src/core/accounts/account.ts";
import { RootOnlyAuthorizer } from "../../src/server/root-only-authorizer.ts";

const request = (caller: Principal) => ({
  caller,
  action: "computenest:GetService",
  resource: "acs:computenest:cn-hangzhou:1:service/service-1",
  sourceIp: "127.0.0.1",
  secureTransport: false,
});

test("an account's root is allowed; a RAM user is implicitly denied", async () => {
  const authorizer = new RootOnlyAuthorizer();
  const root: Principal = { accountId: "1", type: "Root", displayName: "acme", accessKeyId: "LTAI1", isOperator: false };
  assert.deepEqual(await authorizer.authorize(request(root)), { allowed: true });
  const user: Principal = { ...root, type: "SubUser", principalId: "u1", displayName: "u1" };
  const denied = await authorizer.authorize(request(user));
  assert.equal(denied.allowed, false);
  assert.equal(denied.allowed === false && denied.explicit, false);
});
