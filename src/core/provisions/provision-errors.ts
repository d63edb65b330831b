import { DomainError } from "../shared/domain-error.ts";

/** Stable codes of the provisions slice (never renamed); faces map them in their error tables. */
export const ProvisionErrorCodes = {
  /** FailedPrecondition: the deployment needs a product that is off for the account and the template cannot enable. */
  PRODUCT_NOT_ENABLED: "PRODUCT_NOT_ENABLED",
  /** NotFound (parameter Product): no product of that code on this server. */
  PRODUCT_NOT_FOUND: "PRODUCT_NOT_FOUND",
  /** PermissionDenied: only the operator's root turns products on or off. */
  PRODUCT_ADMIN_FORBIDDEN: "PRODUCT_ADMIN_FORBIDDEN",
  /** InvalidArgument (parameter DeployMetadata): DeployMetadata.ServiceProvisions is malformed. */
  SERVICE_PROVISIONS_INVALID: "SERVICE_PROVISIONS_INVALID",
} as const;
export type ProvisionErrorCode = (typeof ProvisionErrorCodes)[keyof typeof ProvisionErrorCodes];

export const productNotFound = (code: string): DomainError =>
  new DomainError("NotFound", ProvisionErrorCodes.PRODUCT_NOT_FOUND, `The product ${JSON.stringify(code)} does not exist on this server.`, {
    parameter: "Product",
    product: code,
  });
