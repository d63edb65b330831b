// STS temporary keys on the Huawei face: the SDK sends the session token in X-Security-Token
// (BasicCredentials.withSecurityToken); a missing, wrong or expired token is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import type { Principal } from "../../core/accounts/account.ts";
import { ManualClock } from "../../core/shared/clock.ts";
import type { SignedRequest } from "../shared/signatures/signed-request.ts";
import { authenticateHuawei, HuaweiAuthFailure } from "./huawei-authenticate.ts";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");

const PRINCIPAL: Principal = { accountId: "1000000000000001", type: "AssumedRoleUser", principalId: "role-1", displayName: "ops:s1", accessKeyId: "STS.test", isOperator: false };
const TOKEN = "session-token-0123456789";

/** A GET signed by the official signer with a temporary key; `token` goes in X-Security-Token. */
function request(token: string | undefined): SignedRequest {
  const path = "/v2/0123456789abcdef0123456789abcdef/cas/applications";
  const sdkRequest = { method: "GET", endpoint: `http://127.0.0.1:8800${path}`, queryParams: {}, headers: { "content-type": "application/json" } as Record<string, string> };
  const cred = new BasicCredentials().withAk("STS.test").withSk("sts-secret").withProjectId("0123456789abcdef0123456789abcdef");
  const headers = AKSKSigner.sign(sdkRequest, cred) as Record<string, string>;
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = String(v);
  if (token !== undefined) lower["x-security-token"] = token;
  return { method: "GET", rawPath: path, query: [], form: [], headers: lower, body: Buffer.alloc(0) };
}

const deps = (clock: ManualClock, expiresAt: Date) => ({
  clock,
  resolveKey: async (id: string) =>
    id === "STS.test" ? { accessKeyId: id, secret: "sts-secret", active: true, principal: PRINCIPAL, temporary: { securityToken: TOKEN, expiresAt } } : undefined,
});

test("a temporary key works with its token until the session expires", async () => {
  const clock = new ManualClock(new Date());
  const expiresAt = new Date(clock.now().getTime() + 60_000);
  const caller = await authenticateHuawei(request(TOKEN), deps(clock, expiresAt));
  assert.equal(caller.principal.type, "AssumedRoleUser");

  const refused = (req: SignedRequest, reason: RegExp) =>
    assert.rejects(authenticateHuawei(req, deps(clock, expiresAt)), (e: unknown) => e instanceof HuaweiAuthFailure && e.errorCode === "APIGW.0301" && reason.test(e.message));
  await refused(request(undefined), /X-Security-Token is missing/);
  await refused(request("another-token-0123456789"), /does not belong/);
  clock.advance(61_000);
  await refused(request(TOKEN), /security token expires/);
});
