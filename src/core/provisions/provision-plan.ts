import type { ProvisionDeclaration } from "./provision-declaration.ts";
import { productByCode, productOfResourceType, PRODUCTS, unknownProductName, type ProductDefinition } from "./products.ts";

/**
 * The products a deployment involves: each known product with its resource types (in the order
 * of PRODUCTS), then each unknown product segment with its types and products that only the
 * declared roles name (in the order met). Pure.
 */
export interface ProductGroup {
  readonly name: string;
  /** undefined: no product of this server provides these types (status Unknown). */
  readonly product?: ProductDefinition;
  readonly resourceTypes: string[];
}

export function groupByProduct(resourceTypes: readonly string[], declaration: ProvisionDeclaration): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  const groupOf = (name: string, product: ProductDefinition | undefined): ProductGroup => {
    const key = product ? `product:${product.code}` : `unknown:${name}`;
    let group = groups.get(key);
    if (!group) {
      group = { name, product, resourceTypes: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const type of resourceTypes) {
    const product = productOfResourceType(type);
    const group = groupOf(product?.code ?? unknownProductName(type), product);
    if (!group.resourceTypes.includes(type)) group.resourceTypes.push(type);
  }
  for (const role of declaration.roles) {
    if (role.serviceName) groupOf(role.serviceName, productByCode(role.serviceName));
  }
  const rank = (g: ProductGroup) => (g.product ? PRODUCTS.indexOf(g.product) : PRODUCTS.length);
  return [...groups.values()].sort((x, y) => rank(x) - rank(y));
}

/** The group a declared role belongs to: its ServiceName's, else the template's first product. */
export function groupOfRole(groups: readonly ProductGroup[], serviceName: string | undefined): ProductGroup | undefined {
  if (serviceName) return groups.find((g) => g.name === serviceName);
  return groups.find((g) => g.product) ?? groups[0];
}
