import type { FastifyInstance } from "fastify";
import type { Account, AccessKeyStatus, Principal } from "../core/accounts/account.ts";
import type { Cipher } from "../core/shared/cipher.ts";
import type { Clock } from "../core/shared/clock.ts";
import type { Core } from "../core/core.ts";
import type { Logger } from "../core/shared/logger.ts";
import { easRegionFromHost, toEasError } from "../faces/alibaba-roa/products/eas/eas-errors.ts";
import { easOperations } from "../faces/alibaba-roa/products/eas/index.ts";
import { registerAlibabaRoaFace } from "../faces/alibaba-roa/roa-face.ts";
import { computeNestOperations } from "../faces/alibaba-rpc/products/computenest/index.ts";
import { computeNestSupplierOperations } from "../faces/alibaba-rpc/products/computenestsupplier/index.ts";
import { marketOperations } from "../faces/alibaba-rpc/products/market/index.ts";
import { ramOperations } from "../faces/alibaba-rpc/products/ram/index.ts";
import { stsOperations } from "../faces/alibaba-rpc/products/sts/index.ts";
import { registerAlibabaRpcFace } from "../faces/alibaba-rpc/rpc-face.ts";
import { registerEasGateway } from "../faces/eas-gateway/eas-gateway.ts";
import { registerHuaweiFace } from "../faces/huawei/huawei-face.ts";
import { LoginProfilePasswordVerifier } from "../faces/huawei/keystone/password-verifier.ts";
import { SealedTokens } from "../faces/huawei/keystone/token-issuer.ts";
import { serviceStageOperations } from "../faces/huawei/servicestage/index.ts";
import type { NativeAdmin } from "../faces/native/native-admin.ts";
import { registerNativeFace } from "../faces/native/native-face.ts";
import type { AccessKeyResolver, Authorizer, NonceStore, RequestObserver } from "../faces/shared/ports.ts";
import { createNativeAuthenticate } from "./native-authenticate.ts";

/** Every operation list the faces serve, by name: what registerFaces registers and tests walk. */
export const REGISTERED_OPERATIONS = {
  computeNestOperations,
  computeNestSupplierOperations,
  ramOperations,
  stsOperations,
  marketOperations,
  easOperations,
  serviceStageOperations,
} as const;

export interface FaceDeps {
  readonly core: Core;
  readonly resolveKey: AccessKeyResolver;
  readonly nonces: NonceStore;
  readonly authorizer: Authorizer;
  readonly observer: RequestObserver;
  readonly clock: Clock;
  readonly log: Logger;
  /** Seals the Huawei face's Keystone tokens. */
  readonly cipher: Cipher;
  /** Every account, for Keystone's domain names (the account names). */
  readonly listAccounts: () => Promise<Account[]>;
}

/**
 * Every face on one port, each a thin adapter over the same core: nestbox's native API, the
 * Alibaba RPC products (Compute Nest both sides, RAM, STS, Market), the ROA face (PAI-EAS) with
 * its invocation gateway, and the Huawei face (Keystone, ServiceStage). One authorizer guards all.
 */
export function registerFaces(app: FastifyInstance, deps: FaceDeps): void {
  const { core, resolveKey, nonces, authorizer, observer, clock, log } = deps;
  registerNativeFace(app, {
    admin: nativeAdmin(core),
    products: core.provisions,
    market: { service: core.market, authorizer, now: () => clock.now() },
    authenticate: createNativeAuthenticate({ resolveKey, nonces, clock }),
    observer,
    log: log.child({ face: "native" }),
  });
  // What both Alibaba faces verify and authorize with.
  const alibabaDeps = { resolveKey, nonces, authorizer, observer, core, clock };
  registerAlibabaRpcFace(app, {
    operations: [
      ...REGISTERED_OPERATIONS.computeNestOperations,
      ...REGISTERED_OPERATIONS.computeNestSupplierOperations,
      ...REGISTERED_OPERATIONS.ramOperations,
      ...REGISTERED_OPERATIONS.stsOperations,
      ...REGISTERED_OPERATIONS.marketOperations,
    ],
    ...alibabaDeps,
    log: log.child({ face: "alibaba-rpc" }),
  });
  registerAlibabaRoaFace(app, {
    operations: REGISTERED_OPERATIONS.easOperations,
    ...alibabaDeps,
    log: log.child({ face: "alibaba-roa" }),
    toError: toEasError,
    regionFromHost: easRegionFromHost,
  });
  registerEasGateway(app, { core, observer, log: log.child({ face: "eas-gateway" }) });
  registerHuaweiFace(app, {
    operations: REGISTERED_OPERATIONS.serviceStageOperations,
    resolveKey,
    authorizer,
    observer,
    core,
    clock,
    tokens: new SealedTokens(deps.cipher),
    // Keystone passwords are RAM users' login profiles; the domain is the account (by name).
    passwords: new LoginProfilePasswordVerifier(core.iam.loginProfiles, deps.listAccounts),
    log: log.child({ face: "huawei" }),
  });
}

/** The native API's use-cases over the core services. */
function nativeAdmin(core: Core): NativeAdmin {
  const { accounts, catalog } = core;
  const setStatus = (caller: Principal, id: string, status: AccessKeyStatus) =>
    status === "Active" ? accounts.enableAccessKey(caller, id) : accounts.disableAccessKey(caller, id);
  return {
    createAccount: (caller, { name }) => accounts.createAccount(caller, name),
    listAccounts: (caller) => accounts.listAccounts(caller),
    createAccessKey: (caller, { accountId }) => accounts.createAccessKey(caller, accountId ?? caller.accountId),
    listAccessKeys: (caller, { accountId }) => accounts.listAccessKeys(caller, accountId ?? caller.accountId),
    setAccessKeyStatus: setStatus,
    deleteAccessKey: (caller, id) => accounts.deleteAccessKey(caller, id),
    async approveRegistration(caller, serviceId, version) {
      const registration = await catalog.approveRegistration(caller, serviceId, version);
      return { serviceId, version: registration.version, status: registration.status, registrationId: registration.id };
    },
  };
}
