import { timingSafeEqual } from "node:crypto";
import type { Principal } from "../../../core/accounts/account.ts";
import type { Clock } from "../../../core/shared/clock.ts";
import type { AccessKeyResolver, NonceStore, ResolvedAccessKey } from "../ports.ts";
import { parseAcs3Authorization, verifyAcs3 } from "./acs3.ts";
import { AuthFailure } from "./auth-failure.ts";
import { parseRoaAuthorization, verifyRoaAcs } from "./roa-acs.ts";
import { verifyRpcV1 } from "./rpc-v1.ts";
import { header, type SignedRequest } from "./signed-request.ts";

/** Requests more than this far from the server clock are refused (CLIENTS.md 5.5). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export type SignatureScheme = "rpc-v1" | "acs3" | "roa-acs";

export interface Authenticated {
  readonly principal: Principal;
  readonly accessKeyId: string;
  readonly scheme: SignatureScheme;
  /** STS token sent with the request, if any (checked against the temporary key in resolve()). */
  readonly securityToken?: string;
}

export interface AuthenticateDeps {
  readonly resolveKey: AccessKeyResolver;
  readonly nonces: NonceStore;
  readonly clock: Clock;
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Authenticates an Alibaba request signed with RPC V1 (Signature parameter), ACS3-HMAC-SHA256 or
 * ROA `acs` (Authorization header). Order: scheme, key, clock, signature, and only then the nonce,
 * so a forged request cannot use up somebody's nonce. `params` are the merged query and form
 * parameters (V1 signs all of them).
 */
export async function authenticateAlibaba(
  req: SignedRequest,
  params: Readonly<Record<string, string>>,
  deps: AuthenticateDeps,
): Promise<Authenticated> {
  const authorization = header(req, "authorization");
  if (authorization?.startsWith("ACS3-")) {
    const auth = parseAcs3Authorization(authorization);
    if (!auth) throw new AuthFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    const key = await resolve(deps, auth.accessKeyId, header(req, "x-acs-security-token") ?? params.SecurityToken);
    checkTime(deps.clock, header(req, "x-acs-date"), "x-acs-date", parseIso);
    verifyAcs3(req, auth, key.secret);
    await checkNonce(deps, header(req, "x-acs-signature-nonce"), key.accessKeyId);
    return done(key, "acs3", header(req, "x-acs-security-token") ?? params.SecurityToken);
  }
  if (authorization && /^acs /.test(authorization)) {
    const auth = parseRoaAuthorization(authorization);
    if (!auth) throw new AuthFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards.");
    const key = await resolve(deps, auth.accessKeyId, header(req, "x-acs-security-token"));
    checkTime(deps.clock, header(req, "date"), "date", parseHttpDate);
    verifyRoaAcs(req, auth.signature, key.secret);
    await checkNonce(deps, header(req, "x-acs-signature-nonce"), key.accessKeyId);
    return done(key, "roa-acs", header(req, "x-acs-security-token"));
  }
  if (params.Signature !== undefined) {
    if (!params.AccessKeyId) throw new AuthFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards: AccessKeyId is missing.");
    if (params.SignatureMethod && params.SignatureMethod !== "HMAC-SHA1") {
      throw new AuthFailure("IncompleteSignature", `The signature method ${params.SignatureMethod} is not supported; use HMAC-SHA1.`);
    }
    const key = await resolve(deps, params.AccessKeyId, params.SecurityToken);
    checkTime(deps.clock, params.Timestamp, "Timestamp", parseIso);
    verifyRpcV1(req.method, params, key.secret);
    await checkNonce(deps, params.SignatureNonce, key.accessKeyId);
    return done(key, "rpc-v1", params.SecurityToken);
  }
  throw new AuthFailure("MissingSignature", "The request is not signed: no Signature parameter and no Authorization header.");
}

async function resolve(deps: AuthenticateDeps, accessKeyId: string, securityToken: string | undefined): Promise<ResolvedAccessKey> {
  const key = await deps.resolveKey(accessKeyId);
  if (!key) throw new AuthFailure("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  if (!key.active) throw new AuthFailure("InvalidAccessKeyId.Inactive", "Specified access key is disabled.");
  if (key.temporary) checkSecurityToken(deps.clock, key.temporary, securityToken);
  return key;
}

/** An STS key signs only with its own SecurityToken and only until the session expires. */
function checkSecurityToken(clock: Clock, temporary: NonNullable<ResolvedAccessKey["temporary"]>, given: string | undefined): void {
  if (!given) throw new AuthFailure("MissingSecurityToken", "SecurityToken is mandatory for this action.");
  const expected = Buffer.from(temporary.securityToken);
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new AuthFailure("InvalidSecurityToken.MismatchWithAccessKey", "The security token you provided does not match the access key.");
  }
  if (clock.now().getTime() >= temporary.expiresAt.getTime()) {
    throw new AuthFailure("InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
  }
}

function done(key: ResolvedAccessKey, scheme: SignatureScheme, securityToken: string | undefined): Authenticated {
  return { principal: key.principal, accessKeyId: key.accessKeyId, scheme, securityToken: securityToken || undefined };
}

function parseIso(value: string): number {
  return ISO_SECONDS.test(value) ? Date.parse(value) : NaN;
}

function parseHttpDate(value: string): number {
  return /GMT$/.test(value.trim()) ? Date.parse(value) : NaN;
}

function checkTime(clock: Clock, value: string | undefined, name: string, parse: (v: string) => number): void {
  if (!value) throw new AuthFailure("IncompleteSignature", `The request signature does not conform to Aliyun standards: ${name} is missing.`);
  const at = parse(value);
  if (Number.isNaN(at)) throw new AuthFailure("InvalidTimeStamp.Format", `Specified time stamp or date value is not well formatted: ${name}=${value}.`);
  if (Math.abs(clock.now().getTime() - at) > MAX_CLOCK_SKEW_MS) {
    throw new AuthFailure("InvalidTimeStamp.Expired", `Specified time stamp or date value is expired: ${name}=${value}.`);
  }
}

async function checkNonce(deps: AuthenticateDeps, nonce: string | undefined, accessKeyId: string): Promise<void> {
  if (!nonce) throw new AuthFailure("IncompleteSignature", "The request signature does not conform to Aliyun standards: the signature nonce is missing.");
  // Nonces are remembered per key, for the whole window either side of the clock.
  const expiresAt = new Date(deps.clock.now().getTime() + 2 * MAX_CLOCK_SKEW_MS);
  if (!(await deps.nonces.remember(`${accessKeyId}:${nonce}`, expiresAt))) {
    throw new AuthFailure("SignatureNonceUsed", "Specified signature nonce was used already.");
  }
}
