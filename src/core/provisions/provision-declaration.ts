import { DomainError } from "../shared/domain-error.ts";
import { ProvisionErrorCodes } from "./provision-errors.ts";

/**
 * What a service version declares about provisions, in its DeployMetadata (nestbox's extension,
 * kept and echoed by the catalog like every other DeployMetadata key):
 *
 *   "ServiceProvisions": {
 *     "AutoEnableServices": ["kubernetes"],
 *     "Roles": [ { "RoleName": "AppOperatorRole", "ServiceName": "local", "Function": "Default" } ] }
 *
 * - AutoEnableServices: products the deployment enables for the customer itself, as a ROS
 *   template does with ALIYUN::ROS::AutoEnableService (GetServiceProvisions AutoEnableService).
 * - Roles: roles that must exist in the deploying account (RoleProvision.Roles). ServiceName
 *   names the product the role serves (default: the first product the template uses);
 *   Function defaults to "Default" (the seed's "default role of the service").
 * Declared once per version for every template: the roles are the service's, not a template's.
 */
export interface RoleRequirement {
  readonly roleName: string;
  readonly serviceName?: string;
  readonly function: string;
}

export interface ProvisionDeclaration {
  readonly autoEnableServices: readonly string[];
  readonly roles: readonly RoleRequirement[];
}

export const NO_DECLARATION: ProvisionDeclaration = { autoEnableServices: [], roles: [] };

const WHERE = "DeployMetadata.ServiceProvisions";
/** RAM role names: 1..64 of letters, digits, '.', '-' and '_'. */
const ROLE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const invalid = (message: string) =>
  new DomainError("InvalidArgument", ProvisionErrorCodes.SERVICE_PROVISIONS_INVALID, `${WHERE} is not valid: ${message}.`, { parameter: "DeployMetadata" });

/** Reads the declaration from DeployMetadata JSON text (absent: nothing declared). Pure. */
export function parseProvisionDeclaration(deployMetadata: string | undefined): ProvisionDeclaration {
  if (!deployMetadata) return NO_DECLARATION;
  let doc: unknown;
  try {
    doc = JSON.parse(deployMetadata);
  } catch {
    return NO_DECLARATION; // the catalog validated it when it was written; nothing to read here
  }
  const raw = isObject(doc) ? doc["ServiceProvisions"] : undefined;
  if (raw === undefined || raw === null) return NO_DECLARATION;
  if (!isObject(raw)) throw invalid("it must be an object");
  const auto = raw["AutoEnableServices"] ?? [];
  if (!Array.isArray(auto) || !auto.every((s) => typeof s === "string" && s !== "")) throw invalid("AutoEnableServices must be a list of product codes");
  const roles = raw["Roles"] ?? [];
  if (!Array.isArray(roles)) throw invalid("Roles must be a list");
  const seen = new Set<string>();
  return {
    autoEnableServices: [...new Set(auto as string[])],
    roles: roles.map((r, i): RoleRequirement => {
      if (!isObject(r)) throw invalid(`Roles[${i}] must be an object`);
      const roleName = r["RoleName"];
      if (typeof roleName !== "string" || !ROLE_NAME.test(roleName)) throw invalid(`Roles[${i}].RoleName must be 1 to 64 letters, digits, '.', '-' or '_'`);
      if (seen.has(roleName.toLowerCase())) throw invalid(`Roles[${i}].RoleName ${roleName} is declared twice`);
      seen.add(roleName.toLowerCase());
      const serviceName = r["ServiceName"];
      if (serviceName !== undefined && (typeof serviceName !== "string" || serviceName === "")) throw invalid(`Roles[${i}].ServiceName must be a product code`);
      const fn = r["Function"] ?? "Default";
      if (typeof fn !== "string" || fn === "") throw invalid(`Roles[${i}].Function must be a string`);
      return { roleName, serviceName: serviceName as string | undefined, function: fn };
    }),
  };
}
