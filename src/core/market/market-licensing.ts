import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { MarketDeps } from "./market-deps.ts";
import { licenseNotFound, MarketErrorCodes as E } from "./market-errors.ts";
import type { MarketInstance, MarketLicense } from "./market-instance.ts";

export interface LicenseView {
  readonly license: MarketLicense;
  readonly instance: MarketInstance;
}

/**
 * Licence codes of licence-code products (ALIBABA.md 5.4): one per instance, INACTIVATED until
 * the supplier's software activates it. The buyer and the product's supplier may read and
 * activate it; for anyone else it does not exist.
 */
export class MarketLicensing {
  constructor(private readonly deps: MarketDeps) {}

  async describe(caller: Principal, code: string): Promise<LicenseView> {
    const license = code ? await this.deps.repository.getLicense(code) : undefined;
    if (!license || (license.accountId !== caller.accountId && license.supplierAccountId !== caller.accountId)) throw licenseNotFound(code);
    const instance = await this.deps.repository.getInstance(license.instanceId);
    if (!instance) throw licenseNotFound(code);
    return { license, instance };
  }

  /**
   * ActivateLicense. Activating again with the same Identification succeeds (a retry); another
   * Identification is MARKET_LICENSE_ACTIVATED. An EXPIRED or CLOSED instance's licence cannot
   * be activated (MARKET_INSTANCE_STATUS_INVALID).
   */
  async activate(caller: Principal, code: string, identification: string | undefined): Promise<LicenseView> {
    const { license, instance } = await this.describe(caller, code);
    const who = identification || caller.accountId;
    if (license.status === "ACTIVATED") {
      if (license.identification === who) return { license, instance };
      throw new DomainError("FailedPrecondition", E.MARKET_LICENSE_ACTIVATED, `The license code ${code} is already activated.`, { parameter: "LicenseCode" });
    }
    if (instance.status === "EXPIRED" || instance.status === "CLOSED") {
      throw new DomainError("FailedPrecondition", E.MARKET_INSTANCE_STATUS_INVALID, `The instance ${instance.id} of license ${code} is ${instance.status}.`, { status: instance.status });
    }
    const activated: MarketLicense = { ...license, status: "ACTIVATED", identification: who, activatedAt: this.deps.clock.now() };
    if (!(await this.deps.repository.activateLicense(activated))) return this.activate(caller, code, identification);
    this.deps.log.info({ licenseCode: code, marketInstanceId: instance.id }, "Activated MarketLicense");
    return { license: activated, instance };
  }
}
