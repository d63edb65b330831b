import { DomainError } from "../../../../core/shared/domain-error.ts";

/** Type of the *ServiceSharedAccounts operations: SharedAccount (default); Reseller needs resale, which nestbox lacks. */
export function requireSharedAccountType(type: string | undefined): void {
  if (type === undefined || type === "" || type === "SharedAccount") return;
  throw new DomainError(
    "InvalidArgument",
    "INVALID_ARGUMENT",
    `The specified Type ${JSON.stringify(type)} is not supported; only SharedAccount is.`,
    { parameter: "Type" },
  );
}
