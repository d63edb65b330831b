import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Principal } from "../../core/accounts/account.ts";
import type { ProductStatusView } from "../../core/provisions/service-provision.ts";
import { callerOf } from "./native-request.ts";

/** The product switches the native API exposes (ProvisionService implements it). */
export interface ProductAdmin {
  /** NotFound when the account is missing or not the caller's to see. */
  listProducts(caller: Principal, accountId: string): Promise<ProductStatusView[]>;
  /** Operator's root only; NotFound for an unknown product or account. */
  setProductEnabled(caller: Principal, accountId: string, product: string, enabled: boolean): Promise<ProductStatusView>;
}

const AccountParams = Type.Object({ accountId: Type.String({ minLength: 1, maxLength: 64 }) });
const ProductParams = Type.Object({ accountId: Type.String({ minLength: 1, maxLength: 64 }), product: Type.String({ minLength: 1, maxLength: 64 }) });

const toView = (p: ProductStatusView) => ({
  accountId: p.accountId,
  product: p.product,
  description: p.description,
  status: p.status,
  enabledByDefault: p.enabledByDefault,
  changedBy: p.changedBy,
  changedAt: p.changedAt?.toISOString(),
});

/**
 * GET /accounts/{accountId}/products and POST /accounts/{accountId}/products/{product}/enable|disable.
 * GetServiceProvisions' EnableURL points at the enable route of the product it reports Disabled.
 */
export function registerProductRoutes(app: FastifyInstance, admin: ProductAdmin): void {
  app.get("/accounts/:accountId/products", { config: { action: "ListProducts" }, schema: { params: AccountParams } }, async (request) => {
    const { accountId } = request.params as { accountId: string };
    return { products: (await admin.listProducts(callerOf(request), accountId)).map(toView) };
  });
  for (const [verb, enabled, action] of [
    ["enable", true, "EnableProduct"],
    ["disable", false, "DisableProduct"],
  ] as const) {
    app.post(`/accounts/:accountId/products/:product/${verb}`, { config: { action }, schema: { params: ProductParams } }, async (request) => {
      const { accountId, product } = request.params as { accountId: string; product: string };
      return toView(await admin.setProductEnabled(callerOf(request), accountId, product, enabled));
    });
  }
}
