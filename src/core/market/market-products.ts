import type { Principal } from "../accounts/account.ts";
import { DomainError } from "../shared/domain-error.ts";
import type { Page } from "../shared/page.ts";
import type { MarketDeps } from "./market-deps.ts";
import { MarketErrorCodes as E, productNotFound } from "./market-errors.ts";
import { parseProductDocument } from "./product-document.ts";
import type { ProductQuery } from "./market-repository.ts";
import type { MarketProduct } from "./product.ts";

export const MAX_PAGE_SIZE = 100;

/**
 * The product catalogue (ALIBABA.md 5.6). A supplier publishes a product document (the
 * product folder's product.yaml); publishing the same code again replaces the product, which
 * only its supplier may do. Products are readable by every caller.
 */
export class MarketProducts {
  constructor(private readonly deps: MarketDeps) {}

  /**
   * Creates or replaces the product. A Compute Nest delivery is checked like a purchase by the
   * supplier would be (service visible, each mapped template and package deployable), so a
   * product that cannot be delivered is refused. Returns the stored product.
   */
  async publish(caller: Principal, document: unknown): Promise<{ product: MarketProduct; created: boolean }> {
    const definition = parseProductDocument(document);
    const existing = await this.deps.repository.getProduct(definition.code);
    if (existing && existing.supplierAccountId !== caller.accountId) {
      throw new DomainError("PermissionDenied", E.MARKET_PRODUCT_CODE_TAKEN, `The product code ${definition.code} belongs to another supplier.`, { parameter: "Product.Code" });
    }
    const delivery = definition.computeNest;
    for (const spec of delivery?.specifications ?? []) {
      await this.deps.link.check({
        buyerAccountId: caller.accountId,
        serviceId: delivery!.serviceId,
        serviceVersion: delivery!.serviceVersion,
        regionId: delivery!.regionId,
        templateName: spec.templateName,
        specificationName: spec.specificationName,
        name: `market-check-${definition.code}`,
        marketInstanceId: "0",
        orderId: "0",
        components: { package_version: spec.specificationCode },
        clientToken: `market-check-${definition.code}`,
      });
    }
    const now = this.deps.clock.now();
    const product: MarketProduct = {
      ...definition,
      supplierAccountId: caller.accountId,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await this.deps.repository.putProduct(product);
    this.deps.log.info({ productCode: product.code, supplierAccountId: caller.accountId }, existing ? "Updated MarketProduct" : "Created MarketProduct");
    return { product, created: !existing };
  }

  /** DescribeProduct. MARKET_PRODUCT_NOT_FOUND when missing. */
  async get(code: string): Promise<MarketProduct> {
    const product = code ? await this.deps.repository.getProduct(code) : undefined;
    if (!product) throw productNotFound(code);
    return product;
  }

  /** DescribeProducts: 1-based pages of at most 100, oldest first. */
  async list(query: ProductQuery, page: { pageNumber?: number; pageSize?: number }): Promise<{ page: Page<MarketProduct>; pageNumber: number; pageSize: number }> {
    const { pageNumber, pageSize } = pageOf(page);
    return { page: await this.deps.repository.listProducts(query, { pageNumber, pageSize }), pageNumber, pageSize };
  }
}

/** 1-based PageNumber and PageSize 1..100 (ALIBABA.md 2.4, Market). */
export function pageOf(page: { pageNumber?: number; pageSize?: number }, defaultSize = 10): { pageNumber: number; pageSize: number } {
  const pageNumber = page.pageNumber ?? 1;
  const pageSize = page.pageSize ?? defaultSize;
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    throw new DomainError("InvalidArgument", "INVALID_PARAMETER", "The specified PageNumber is not valid: a whole number from 1.", { parameter: "PageNumber" });
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new DomainError("InvalidArgument", "INVALID_PARAMETER", `The specified PageSize is not valid: 1 to ${MAX_PAGE_SIZE}.`, { parameter: "PageSize" });
  }
  return { pageNumber, pageSize };
}
