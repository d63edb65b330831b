import { DomainError } from "../shared/domain-error.ts";

/**
 * Stable codes of the Marketplace area (never renamed). The vendor documents no error table for
 * Market beyond UnknownError; faces/alibaba-rpc/market-errors.ts picks the wire codes.
 */
export const MarketErrorCodes = {
  MARKET_PRODUCT_INVALID: "MARKET_PRODUCT_INVALID",
  MARKET_PRODUCT_NOT_FOUND: "MARKET_PRODUCT_NOT_FOUND",
  MARKET_PRODUCT_CODE_TAKEN: "MARKET_PRODUCT_CODE_TAKEN",
  MARKET_COMMODITY_INVALID: "MARKET_COMMODITY_INVALID",
  MARKET_SKU_INVALID: "MARKET_SKU_INVALID",
  MARKET_PERIOD_INVALID: "MARKET_PERIOD_INVALID",
  MARKET_COMPONENTS_INVALID: "MARKET_COMPONENTS_INVALID",
  MARKET_ORDER_TYPE_INVALID: "MARKET_ORDER_TYPE_INVALID",
  MARKET_PAYMENT_TYPE_INVALID: "MARKET_PAYMENT_TYPE_INVALID",
  MARKET_TRIAL_NOT_ALLOWED: "MARKET_TRIAL_NOT_ALLOWED",
  MARKET_ORDER_NOT_FOUND: "MARKET_ORDER_NOT_FOUND",
  MARKET_ORDER_NOT_PAYABLE: "MARKET_ORDER_NOT_PAYABLE",
  MARKET_INSTANCE_NOT_FOUND: "MARKET_INSTANCE_NOT_FOUND",
  MARKET_INSTANCE_STATUS_INVALID: "MARKET_INSTANCE_STATUS_INVALID",
  MARKET_LICENSE_NOT_FOUND: "MARKET_LICENSE_NOT_FOUND",
  MARKET_LICENSE_ACTIVATED: "MARKET_LICENSE_ACTIVATED",
  MARKET_METERING_INVALID: "MARKET_METERING_INVALID",
  MARKET_CONCURRENT_UPDATE: "MARKET_CONCURRENT_UPDATE",
  MARKET_CLIENT_TOKEN_MISMATCH: "MARKET_CLIENT_TOKEN_MISMATCH",
} as const;

const E = MarketErrorCodes;

export const badCommodity = (field: string, message: string, code: string = E.MARKET_COMMODITY_INVALID) =>
  new DomainError("InvalidArgument", code, message, { parameter: field });

export const productNotFound = (code: string) =>
  new DomainError("NotFound", E.MARKET_PRODUCT_NOT_FOUND, `The product ${code} does not exist.`, { parameter: "ProductCode" });

export const marketInstanceNotFound = (id: string) =>
  new DomainError("NotFound", E.MARKET_INSTANCE_NOT_FOUND, `The instance ${id} does not exist.`, { parameter: "InstanceId" });

export const orderNotFound = (id: string) =>
  new DomainError("NotFound", E.MARKET_ORDER_NOT_FOUND, `The order ${id} does not exist.`, { parameter: "OrderId" });

export const licenseNotFound = (code: string) =>
  new DomainError("NotFound", E.MARKET_LICENSE_NOT_FOUND, `The license code ${code} does not exist.`, { parameter: "LicenseCode" });

export const badMarketStatus = (id: string, status: string, event: string) =>
  new DomainError("FailedPrecondition", E.MARKET_INSTANCE_STATUS_INVALID, `The instance ${id} cannot ${event} in status ${status}.`, {
    status,
    event,
  });
