import { timingSafeEqual } from "node:crypto";
import type { Principal } from "../../core/accounts/account.ts";
import type { Clock } from "../../core/shared/clock.ts";
import type { AccessKeyResolver } from "../shared/ports.ts";
import { header, type SignedRequest } from "../shared/signatures/signed-request.ts";
import { parseHuaweiAuthorization, parseSdkDate, verifyHuaweiSignature } from "./signature/sdk-hmac-sha256.ts";
import type { TokenVerifier } from "./keystone/tokens.ts";

/** Requests dated further than this from the server clock are refused (APIG, B.9.1 step 9). */
export const MAX_SDK_DATE_SKEW_MS = 15 * 60 * 1000;

/** The API gateway's authentication failure: 401 APIGW.0301 with the reason (B.10). */
export class HuaweiAuthFailure extends Error {
  readonly errorCode = "APIGW.0301";
  readonly status = 401;
  constructor(message: string) {
    super(message);
    this.name = "HuaweiAuthFailure";
  }
}

export interface HuaweiCaller {
  readonly principal: Principal;
  readonly scheme: "SDK-HMAC-SHA256" | "V11-HMAC-SHA256" | "token";
  /** The project a token is scoped to; AK/SK callers may use any of their account's projects. */
  readonly tokenProjectId?: string;
}

export interface HuaweiAuthenticateDeps {
  readonly resolveKey: AccessKeyResolver;
  readonly clock: Clock;
  readonly tokens?: TokenVerifier;
}

/**
 * Authenticates a Huawei request: an AK/SK signature in Authorization (SDK-HMAC-SHA256 or
 * V11-HMAC-SHA256), or an X-Auth-Token from POST /v3/auth/tokens. Order: shape, key, date,
 * signature. Every failure is APIGW.0301 with the gateway's wording.
 */
export async function authenticateHuawei(req: SignedRequest, deps: HuaweiAuthenticateDeps): Promise<HuaweiCaller> {
  const authorization = header(req, "authorization");
  const token = header(req, "x-auth-token");
  if (!authorization && token) {
    const found = deps.tokens ? await deps.tokens.verify(token) : undefined;
    if (!found) throw new HuaweiAuthFailure("Incorrect IAM authentication information: decrypt token fail");
    if (found.expiresAt <= deps.clock.now().getTime()) throw new HuaweiAuthFailure("Incorrect IAM authentication information: the token expires");
    return { principal: found.principal, scheme: "token", ...(found.projectId ? { tokenProjectId: found.projectId } : {}) };
  }
  if (!authorization) throw new HuaweiAuthFailure("Incorrect IAM authentication information: Authorization header or X-Auth-Token is missing");
  const auth = parseHuaweiAuthorization(authorization);
  if (!auth) throw new HuaweiAuthFailure("Incorrect IAM authentication information: Authorization header format error");
  if (!auth.signedHeaders.includes("host") || !auth.signedHeaders.includes("x-sdk-date")) {
    throw new HuaweiAuthFailure("Incorrect IAM authentication information: host and x-sdk-date must be signed");
  }
  const key = await deps.resolveKey(auth.accessKeyId);
  if (!key) throw new HuaweiAuthFailure(`Incorrect IAM authentication information: Get secretKey failed, ak not exist: ${auth.accessKeyId}`);
  if (!key.active) throw new HuaweiAuthFailure(`Incorrect IAM authentication information: ak ${auth.accessKeyId} is disabled`);
  if (key.temporary) checkSecurityToken(header(req, "x-security-token"), key.temporary, deps.clock.now().getTime());
  const sdkDate = header(req, "x-sdk-date") ?? "";
  const at = parseSdkDate(sdkDate);
  if (Number.isNaN(at)) throw new HuaweiAuthFailure(`Incorrect IAM authentication information: x-sdk-date ${JSON.stringify(sdkDate)} is not YYYYMMDDTHHMMSSZ`);
  if (Math.abs(deps.clock.now().getTime() - at) > MAX_SDK_DATE_SKEW_MS) {
    throw new HuaweiAuthFailure(`Incorrect IAM authentication information: the request x-sdk-date ${sdkDate} is expired (more than 15 minutes from the server time)`);
  }
  if (!verifyHuaweiSignature(req, auth, key.secret)) throw new HuaweiAuthFailure("Incorrect IAM authentication information: verify aksk signature fail");
  return { principal: key.principal, scheme: auth.algorithm };
}

/**
 * Temporary keys (STS AssumeRole) come with a token, which the Huawei SDK sends in
 * X-Security-Token (BasicCredentials.withSecurityToken); it must match and be current. Checked
 * before the date, so an expired session says so rather than reporting a clock error.
 */
function checkSecurityToken(given: string | undefined, temporary: { securityToken: string; expiresAt: Date }, now: number): void {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(temporary.securityToken);
  if (!given || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HuaweiAuthFailure("Incorrect IAM authentication information: the X-Security-Token is missing or does not belong to the temporary access key");
  }
  if (temporary.expiresAt.getTime() <= now) throw new HuaweiAuthFailure("Incorrect IAM authentication information: the security token expires");
}
