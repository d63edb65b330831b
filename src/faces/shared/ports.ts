import type { Principal } from "../../core/accounts/account.ts";

/**
 * Remembers signature nonces for the replay window. `remember` returns false when the nonce
 * was already seen (a replay). Implementations: in memory (one process, the embedded store is
 * locked to one process) and SQL (PostgreSQL, shared by every process on the store).
 */
export interface NonceStore {
  remember(nonce: string, expiresAt: Date): Promise<boolean>;
}

/** What a face needs to verify a signature: the secret and who it names. */
export interface ResolvedAccessKey {
  readonly accessKeyId: string;
  readonly secret: string;
  readonly active: boolean;
  readonly principal: Principal;
  /** STS temporary keys only: the request must carry this token, before this instant. */
  readonly temporary?: { readonly securityToken: string; readonly expiresAt: Date };
}

/** Looks up an access key id; undefined when unknown. May cache briefly. */
export type AccessKeyResolver = (accessKeyId: string) => Promise<ResolvedAccessKey | undefined>;

export interface AuthorizationRequest {
  readonly caller: Principal;
  /** e.g. "computenest:GetServiceInstance" */
  readonly action: string;
  /** Full ARN, e.g. acs:computenest:cn-hangzhou:1234:serviceinstance/si-… */
  readonly resource: string;
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  /** Tags the request sets (Tag.N.Key/Tag.N.Value), for acs:RequestTag/<key>. */
  readonly requestTags?: Readonly<Record<string, string>>;
  /** Tags of the resource the request names, for acs:ResourceTag/<key>. */
  readonly resourceTags?: Readonly<Record<string, string>>;
}

export type AuthorizationDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly explicit: boolean; readonly policyType?: string };

/** Decides whether the caller may perform the action on the resource. */
export interface Authorizer {
  authorize(request: AuthorizationRequest): Promise<AuthorizationDecision>;
}

/** Receives one observation per request, for Prometheus metrics. */
export interface RequestObserver {
  observe(face: string, action: string, status: number, seconds: number): void;
}
