/**
 * The products ("cloud services" in GetServiceProvisions' words) this server provides, and which
 * resource types each one owns. A template needs every product whose resource types it uses to
 * be enabled for the deploying account.
 *
 * `enabledByDefault`: on for every account unless an operator disabled it (status
 * EnabledByDefault); otherwise off until an operator or the template enables it (Disabled).
 */
export interface ProductDefinition {
  /** Product code, the ServiceName on the wire (e.g. "local"). */
  readonly code: string;
  readonly description: string;
  readonly enabledByDefault: boolean;
  /** Resource types starting with one of these belong to the product. */
  readonly resourceTypePrefixes: readonly string[];
}

export const PRODUCTS: readonly ProductDefinition[] = [
  {
    code: "local",
    description: "Processes, directories and generated values on the nestbox host (the local driver).",
    enabledByDefault: true,
    resourceTypePrefixes: ["Nestbox::Local::", "Nestbox::Random::"],
  },
  {
    code: "kubernetes",
    description: "Workloads on a Kubernetes cluster (the kubernetes driver).",
    enabledByDefault: false,
    resourceTypePrefixes: ["Nestbox::Kubernetes::"],
  },
];

export const productByCode = (code: string): ProductDefinition | undefined => PRODUCTS.find((p) => p.code === code);

/** The product owning `resourceType`, or undefined when no product of this server provides it. */
export const productOfResourceType = (resourceType: string): ProductDefinition | undefined =>
  PRODUCTS.find((p) => p.resourceTypePrefixes.some((prefix) => resourceType.startsWith(prefix)));

/**
 * The name to report an unknown resource type under: its product segment, as ROS names a
 * product by the middle of `ALIYUN::ECS::Instance` ("ECS"); the whole type when it has none.
 */
export function unknownProductName(resourceType: string): string {
  const parts = resourceType.split("::");
  return parts.length >= 3 && parts[1] ? parts[1] : resourceType;
}
