import { MarketErrorCodes as M } from "../../core/market/market-errors.ts";
import type { AlibabaErrorEntry } from "./errors.ts";

/**
 * The Marketplace's codes (ALIBABA.md 5). Market documents only UnknownError, so these read
 * like the gateway's own families: InvalidParameter.<Field> for what the caller sent wrong,
 * EntityNotExist.<Thing> for what does not exist, OperationDenied.<Reason> for a status that
 * does not allow the request.
 */
export const MARKET_CODE_ERRORS: Readonly<Record<string, AlibabaErrorEntry>> = {
  [M.MARKET_PRODUCT_INVALID]: { code: "InvalidParameter.Product", status: 400 },
  [M.MARKET_PRODUCT_NOT_FOUND]: { code: "EntityNotExist.Product", status: 404 },
  [M.MARKET_PRODUCT_CODE_TAKEN]: { code: "Forbidden.ProductCode", status: 403 },
  [M.MARKET_COMMODITY_INVALID]: { code: "InvalidParameter.Commodity", status: 400 },
  [M.MARKET_SKU_INVALID]: { code: "InvalidParameter.SkuCode", status: 400 },
  [M.MARKET_PERIOD_INVALID]: { code: "InvalidParameter.PricingCycle", status: 400 },
  [M.MARKET_COMPONENTS_INVALID]: { code: "InvalidParameter.Components", status: 400 },
  [M.MARKET_ORDER_TYPE_INVALID]: { code: "InvalidParameter.OrderType", status: 400 },
  [M.MARKET_PAYMENT_TYPE_INVALID]: { code: "InvalidParameter.PaymentType", status: 400 },
  [M.MARKET_TRIAL_NOT_ALLOWED]: { code: "OperationDenied.TrialNotAllowed", status: 400 },
  [M.MARKET_ORDER_NOT_FOUND]: { code: "EntityNotExist.Order", status: 404 },
  [M.MARKET_ORDER_NOT_PAYABLE]: { code: "OperationDenied.OrderStatus", status: 400 },
  [M.MARKET_INSTANCE_NOT_FOUND]: { code: "EntityNotExist.Instance", status: 404 },
  [M.MARKET_INSTANCE_STATUS_INVALID]: { code: "OperationDenied.InstanceStatus", status: 400 },
  [M.MARKET_LICENSE_NOT_FOUND]: { code: "EntityNotExist.License", status: 404 },
  [M.MARKET_LICENSE_ACTIVATED]: { code: "OperationDenied.LicenseActivated", status: 400 },
  [M.MARKET_METERING_INVALID]: { code: "InvalidParameter.Metering", status: 400 },
  [M.MARKET_CONCURRENT_UPDATE]: { code: "ConcurrentUpdate", status: 409 },
  [M.MARKET_CLIENT_TOKEN_MISMATCH]: { code: "IdempotentParameterMismatch", status: 400 },
};
