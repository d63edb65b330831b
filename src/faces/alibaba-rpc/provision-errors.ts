import { ProvisionErrorCodes } from "../../core/provisions/provision-errors.ts";
import { SUPPLIER_ACCESS_DENIED } from "../../core/instances/supplier-access.ts";
import type { AlibabaErrorEntry } from "./errors.ts";

/**
 * The provisions slice's codes (and managed O&M's supplier access). The vendor documents no code
 * for a product that is not activated; ours reads like its other OperationDenied.* codes.
 */
export const PROVISION_CODE_ERRORS: Readonly<Record<string, AlibabaErrorEntry>> = {
  [ProvisionErrorCodes.PRODUCT_NOT_ENABLED]: { code: "OperationDenied.ServiceNotEnabled", status: 400 },
  [ProvisionErrorCodes.PRODUCT_NOT_FOUND]: { code: "EntityNotExist.Product", status: 404 },
  [ProvisionErrorCodes.PRODUCT_ADMIN_FORBIDDEN]: { code: "NoPermission", status: 403 },
  [ProvisionErrorCodes.SERVICE_PROVISIONS_INVALID]: { code: "InvalidParameter", status: 400 },
  [SUPPLIER_ACCESS_DENIED]: { code: "Forbidden.ManagedOperation", status: 403 },
};
